#include "runtime/app/cli.hpp"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "config/loader.hpp"
#include "actors/orchestrators/backfill.hpp"
#include "runtime/app/chaos_command.hpp"
#include "runtime/app/decode_command.hpp"
#include "runtime/app/smoke_test.hpp"
#include "runtime/app/engine.hpp"
#include "runtime/logging/log.hpp"

namespace courtside::app {
namespace {

struct global_options {
  std::string log_format; // empty = from config
  std::string log_level;  // empty = from config
};

spdlog::level::level_enum to_spdlog(config::log_level l) {
  switch (l) {
    case config::log_level::trace: return spdlog::level::trace;
    case config::log_level::debug: return spdlog::level::debug;
    case config::log_level::info: return spdlog::level::info;
    case config::log_level::warn: return spdlog::level::warn;
    case config::log_level::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

void setup_logging(const config::engine_config* cfg, const global_options& g) {
  log_options opts;
  if (cfg != nullptr) {
    opts.level = to_spdlog(cfg->engine.log_level);
    opts.format = cfg->engine.log_format == config::log_format::json ? log_output_format::json
                                                                     : log_output_format::text;
    opts.secrets = config::secret_values(*cfg);
  }
  if (!g.log_level.empty()) opts.level = spdlog::level::from_str(g.log_level);
  if (!g.log_format.empty())
    opts.format = g.log_format == "json" ? log_output_format::json : log_output_format::text;
  init_logging(opts);
}

config::load_result load(const std::string& path) {
  return path.empty() ? config::load_embedded_demo() : config::load_file(path);
}

int report_errors(const config::load_result& r) {
  for (const auto& e : r.errors) std::cerr << e.to_string() << '\n';
  std::cerr << r.errors.size() << (r.errors.size() == 1 ? " error" : " errors")
            << " in the config\n";
  return exit_config_error;
}

int run_command(const std::string& path, const global_options& g, const run_options& options = {}) {
  auto loaded = load(path);
  if (!loaded.config) {
    setup_logging(nullptr, g);
    return report_errors(loaded);
  }
  setup_logging(&*loaded.config, g);
  return run_engine(*loaded.config, path.empty() ? "config/demo.toml (embedded)" : path, options);
}

int check_config_command(const std::string& path) {
  auto loaded = load(path);
  if (!loaded.config) return report_errors(loaded);
  std::cout << config::render_redacted(*loaded.config);
  std::cerr << (path.empty() ? "config/demo.toml (embedded)" : path) << ": OK\n";
  return exit_ok;
}

} // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"courtside: a self-healing NBA stats pipeline engine"};
  app.require_subcommand(1);
  global_options g;
  app.add_option("--log-format", g.log_format, "text or json (default: from config)")
    ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", g.log_level, "trace|debug|info|warn|error (default: from config)")
    ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));

  std::string run_config;
  auto* run = app.add_subcommand("run", "run the engine until SIGINT/SIGTERM");
  run->add_option("-c,--config", run_config, "config file (default: the embedded demo config)");

  std::string check_path;
  auto* check = app.add_subcommand(
    "check-config", "validate a config and print it resolved, secrets redacted (exit 1 on error)");
  check->add_option("file", check_path, "config file (default: the embedded demo config)");

  std::string backfill_config;
  backfill_request range;
  auto* backfill = app.add_subcommand(
    "backfill", "run the pipeline for a range of dates until every phase of every date is settled "
                "(resumable: run it again after an interruption)");
  backfill->add_option("-c,--config", backfill_config, "config file (default: the embedded demo)");
  auto iso_date = CLI::Validator(
    [](std::string& s) {
      return pipeline::date_range(s, s).empty() ? std::string{"expected a date YYYY-MM-DD"}
                                                : std::string{};
    },
    "YYYY-MM-DD");
  backfill->add_option("--from", range.first_date, "first date")->required()->check(iso_date);
  backfill->add_option("--to", range.last_date, "last date")->required()->check(iso_date);

  std::string smoke_config, smoke_range;
  auto* smoke = app.add_subcommand(
    "smoke-test", "check per date and phase that the warehouse holds what the ledger says "
                  "(exit 0 all pass, 1 any fail, 2 error)");
  smoke->add_option("-c,--config", smoke_config, "config file (default: the embedded demo)");
  smoke->add_option("range", smoke_range, "DATE or D1..D2")->required();

  std::string decode_kind;
  std::vector<std::string> decode_files;
  auto* decode = app.add_subcommand(
    "decode", "decode saved upstream payloads and print the records as JSON lines");
  decode->add_option("-f,--format", decode_kind, "payload kind, e.g. nbacom-boxscore")->required();
  decode->add_option("files", decode_files, "payload files (- for standard input)")->required();

  std::string chaos_config = "config/chaos.toml", chaos_seeds;
  chaos_request chaos_req;
  auto* chaos = app.add_subcommand(
    "chaos", "seeded fault-injection runs of a backfill in virtual time, with an invariant report "
             "(exit 0 no violations, 1 violations)");
  chaos->add_option("-c,--config", chaos_config, "config file (default: config/chaos.toml)");
  auto* one_seed = chaos->add_option("--seed", chaos_req.first_seed, "the seed of the fault plan");
  chaos->add_option("--seeds", chaos_seeds, "a range of seeds A..B")->excludes(one_seed);
  chaos->add_option("--from", chaos_req.from, "first date of the backfill")->check(iso_date);
  chaos->add_option("--days", chaos_req.days, "dates in the backfill")->check(CLI::Range(1, 60));
  chaos->add_option("--report", chaos_req.report_file, "also write the report as JSON here");
  chaos->add_option("--work-dir", chaos_req.work_dir, "where the runs keep their warehouse (default: a temp dir)");
  chaos->add_flag("--keep-reference", chaos_req.keep_reference,
                  "keep the fault-free run's folder as <work-dir>-reference");

  auto* version = app.add_subcommand("version", "print the version");
  app.footer("Exit codes: 0 ok, 1 config or decode error, 2 usage, 3 root supervisor gave up, "
             "4 shutdown timed out, 5 backfill finished with failed dates.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  if (*run) return run_command(run_config, g);
  if (*check) return check_config_command(check_path);
  if (*backfill) {
    if (range.first_date > range.last_date) {
      std::cerr << "backfill: --from " << range.first_date << " is after --to " << range.last_date << '\n';
      return exit_usage;
    }
    run_options options;
    options.backfill = range;
    return run_command(backfill_config, g, options);
  }
  if (*smoke) {
    auto loaded = load(smoke_config);
    if (!loaded.config) return report_errors(loaded);
    const auto file = std::filesystem::path{loaded.config->engine.data_dir} / "warehouse.sqlite";
    return run_smoke_test(file.string(), smoke_range, std::cout, std::cerr);
  }
  if (*chaos) {
    if (!chaos_seeds.empty()) {
      const auto dots = chaos_seeds.find("..");
      try {
        chaos_req.first_seed = std::stoull(chaos_seeds.substr(0, dots));
        chaos_req.last_seed = dots == std::string::npos ? chaos_req.first_seed : std::stoull(chaos_seeds.substr(dots + 2));
      } catch (const std::exception&) {
        std::cerr << "chaos: --seeds expects A..B, got " << chaos_seeds << '\n';
        return exit_usage;
      }
      if (chaos_req.last_seed < chaos_req.first_seed) {
        std::cerr << "chaos: --seeds " << chaos_seeds << " is empty\n";
        return exit_usage;
      }
    } else {
      chaos_req.last_seed = chaos_req.first_seed;
    }
    auto loaded = load(chaos_config);
    if (!loaded.config) {
      setup_logging(nullptr, g);
      return report_errors(loaded);
    }
    setup_logging(&*loaded.config, g);
    chaos_req.config_name = chaos_config;
    return run_chaos_command(*loaded.config, chaos_req, std::cout, std::cerr);
  }
  if (*decode) return run_decode_command(decode_kind, decode_files, std::cout, std::cerr);
  if (*version) {
    std::cout << "courtside " COURTSIDE_VERSION "\n";
    return exit_ok;
  }
  return exit_usage;
}

} // namespace courtside::app
