#pragma once
// A source adapter knows one upstream's URLs and formats: which request fetches a piece of
// work, and how its body decodes. Pure apart from the decoder's reused parser; the scraper
// actor does the fetching, retrying and pacing.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/scrapers/scrape_protocol.hpp"
#include "runtime/http/http_types.hpp"

namespace courtside::scrape {

struct decode_outcome {
  enum class kind { ok, not_final, bad_payload } what = kind::ok;
  scraped_data data;
  std::string error; ///< bad_payload: the typed decode error rendered (code, path, offset)
};

class source_adapter {
public:
  virtual ~source_adapter() = default;

  /// The request for `work`, or nullopt when this source does not serve that kind of work.
  [[nodiscard]] virtual std::optional<http::http_request> request_for(const scrape_work& work) const = 0;

  /// Decodes a 2xx body fetched for `work`.
  [[nodiscard]] virtual decode_outcome decode(const scrape_work& work, std::string_view body) = 0;

  /// Whether `body` (a 2xx answer fetched earlier) answers `work` for good: what it says about
  /// that work can no longer change upstream (NBA.com's season schedule: every game of a past
  /// date final). A scraper with a reuse window keeps serving such work from the body after
  /// the window, for as long as it runs. Default: never (every answer may change).
  [[nodiscard]] virtual bool settled(const scrape_work& work, std::string_view body) {
    (void)work, (void)body;
    return false;
  }
};

} // namespace courtside::scrape
