// HTTPS: certificate verification, host-name check and SNI, against a self-signed certificate
// made at test time with OpenSSL and served by a minimal blocking OpenSSL server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "loopback.hpp"
#include "runtime/http/client.hpp"

using namespace courtside::http;
using namespace courtside::http::test;

namespace {

/// A self-signed CA:TRUE certificate for `san` ("DNS:localhost,IP:127.0.0.1"), and its key,
/// also written as PEM to a temporary directory (the client's ca_file).
class self_signed {
public:
  explicit self_signed(const std::string& san) {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path()
           / ("courtside-tls-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    key_ = EVP_EC_gen("P-256");
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 24 * 3600);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("courtside test"), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    add_extension(NID_basic_constraints, "critical,CA:TRUE");
    add_extension(NID_subject_alt_name, san);
    X509_sign(cert_, key_, EVP_sha256());
    FILE* f = std::fopen(ca_file().c_str(), "w");
    PEM_write_X509(f, cert_);
    std::fclose(f);
  }
  ~self_signed() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  self_signed(const self_signed&) = delete;
  self_signed& operator=(const self_signed&) = delete;

  [[nodiscard]] std::string ca_file() const { return (dir_ / "cert.pem").string(); }
  [[nodiscard]] X509* cert() const { return cert_; }
  [[nodiscard]] EVP_PKEY* key() const { return key_; }

private:
  void add_extension(int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert_, cert_, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    X509_add_ext(cert_, ext, -1);
    X509_EXTENSION_free(ext);
  }

  std::filesystem::path dir_;
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
};

/// Serves `connections` TLS connections on 127.0.0.1, one at a time, each answering
/// "secure" once (Connection: close). Records the SNI name of the last handshake.
class tls_server {
public:
  tls_server(const self_signed& identity, int connections) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, identity.cert());
    SSL_CTX_use_PrivateKey(ctx_, identity.key());
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, connections] {
      for (int i = 0; i < connections; ++i)
        serve_one();
    });
  }
  ~tls_server() {
    thread_.join();
    ::close(listener_);
    SSL_CTX_free(ctx_);
  }
  tls_server(const tls_server&) = delete;
  tls_server& operator=(const tls_server&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] int handshakes_ok() const { return handshakes_ok_; }
  [[nodiscard]] std::string last_sni() {
    std::lock_guard lock(mutex_);
    return sni_;
  }

private:
  void serve_one() {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::chrono::milliseconds{deadline}.count())) <= 0)
      return;
    const int fd = ::accept(listener_, nullptr, nullptr);
    timeval tv{static_cast<time_t>(deadline.count()), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    SSL* ssl = SSL_new(ctx_);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1) {
      ++handshakes_ok_;
      {
        std::lock_guard lock(mutex_);
        const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
        sni_ = name ? name : "";
      }
      std::string request;
      char buf[2048];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const int n = SSL_read(ssl, buf, sizeof buf);
        if (n <= 0)
          break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      const std::string reply =
        "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecure";
      SSL_write(ssl, reply.data(), static_cast<int>(reply.size()));
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    ::close(fd);
  }

  SSL_CTX* ctx_ = nullptr;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<int> handshakes_ok_{0};
  std::mutex mutex_;
  std::string sni_;
};

std::string https(const std::string& host, std::uint16_t port) {
  return "https://" + host + ":" + std::to_string(port) + "/secure";
}

} // namespace

TEST_CASE("a self-signed certificate is refused without its CA: tls_error", "[http][tls]") {
  self_signed identity{"DNS:localhost,IP:127.0.0.1"};
  tls_server server{identity, 1};
  http_client client;  // system CA store only
  REQUIRE(client.start().ok());
  const auto r = fetch_and_wait(client, get(https("127.0.0.1", server.port())));
  REQUIRE(r.has_value());
  REQUIRE_FALSE(r->ok());
  CHECK(r->failure().error == transport_error::tls_error);
  CHECK(action_for(r->failure().error) == transport_action::fail);
  CHECK(server.handshakes_ok() == 0);
}

TEST_CASE("with ca_file the same certificate is trusted, by name (SNI) and by IP",
          "[http][tls]") {
  self_signed identity{"DNS:localhost,IP:127.0.0.1"};
  tls_server server{identity, 2};
  http_client_options options;
  options.ca_file = identity.ca_file();
  http_client client{options};
  REQUIRE(client.start().ok());

  auto r = fetch_and_wait(client, get(https("localhost", server.port())));
  REQUIRE(r.has_value());
  INFO((r->ok() ? "" : r->failure().detail));
  REQUIRE(r->ok());
  CHECK(r->response().body == "secure");
  CHECK(server.last_sni() == "localhost");

  r = fetch_and_wait(client, get(https("127.0.0.1", server.port())));
  REQUIRE(r.has_value());
  REQUIRE(r->ok());
  CHECK(server.last_sni().empty());  // no SNI for IP literals (RFC 6066)
  CHECK(server.handshakes_ok() == 2);
}

TEST_CASE("a trusted certificate for another name is tls_error (host-name verification)",
          "[http][tls]") {
  self_signed identity{"DNS:other.example"};
  tls_server server{identity, 1};
  http_client_options options;
  options.ca_file = identity.ca_file();
  http_client client{options};
  REQUIRE(client.start().ok());
  const auto r = fetch_and_wait(client, get(https("127.0.0.1", server.port())));
  REQUIRE(r.has_value());
  REQUIRE_FALSE(r->ok());
  CHECK(r->failure().error == transport_error::tls_error);
}

TEST_CASE("an unreadable ca_file fails start() with tls_setup_failed", "[http][tls]") {
  http_client_options options;
  options.ca_file = "/nonexistent/ca.pem";
  http_client client{options};
  const auto r = client.start();
  CHECK(r.error == start_error::tls_setup_failed);
  CHECK(r.detail.find("/nonexistent/ca.pem") != std::string::npos);
}
