#pragma once
// A thread-safe metrics registry: counters, gauges and fixed-bucket histograms, each a family
// of series told apart by label values, rendered in the Prometheus text exposition format
// (version 0.0.4). No CAF, no clock: recording is a few atomic operations, and /metrics calls
// render().
//
//   registry& r = metrics::global();
//   auto& requests = r.counter("courtside_http_requests_total", "HTTP requests sent.",
//                              {"source", "status"});
//   requests.with({"nba_cdn", "200"}).inc();
//
// References returned by a family's with() stay valid for the registry's lifetime (series
// are never deleted, only hidden), so hot paths may keep them.
//
// Mistakes never throw: an invalid name or a name registered again with another type, other
// labels or other buckets gets a detached family that records but is never rendered, and the
// problem is listed in problems(). Label values beyond the declared labels are dropped;
// missing ones are "".
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace courtside::metrics {

enum class metric_type : std::uint8_t { counter, gauge, histogram };

[[nodiscard]] const char* to_string(metric_type t) noexcept;

/// A monotonically increasing total.
class counter {
public:
  /// Adds `by` (negative or NaN amounts are ignored: a counter never goes down).
  void inc(double by = 1.0);
  /// Sets the total from a source that is itself monotonic (e.g. a supervisor's restart count)
  /// read at scrape time. A smaller value is a reset of that source, as Prometheus expects.
  void mirror(double total);
  [[nodiscard]] double value() const { return value_.load(std::memory_order_relaxed); }

private:
  std::atomic<double> value_{0.0};
};

/// A value that goes up and down.
class gauge {
public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void inc(double by = 1.0);
  void dec(double by = 1.0) { inc(-by); }
  [[nodiscard]] double value() const { return value_.load(std::memory_order_relaxed); }

private:
  std::atomic<double> value_{0.0};
};

/// Observations counted into fixed cumulative buckets, plus their sum and count.
class histogram {
public:
  explicit histogram(std::vector<double> upper_bounds);
  void observe(double v);

  struct snapshot {
    std::vector<double> upper_bounds;  ///< ascending, without +Inf
    std::vector<std::uint64_t> cumulative; ///< one per bound, then the +Inf bucket (= count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  [[nodiscard]] snapshot read() const;

private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_; ///< per bucket, not cumulative; +Inf last
  std::atomic<double> sum_{0.0};
  std::atomic<std::uint64_t> count_{0};
};

using label_values = std::vector<std::string>;

/// One metric name and its series. `Series` is counter, gauge or histogram.
template <class Series>
class family {
public:
  family(std::string name, std::string help, std::vector<std::string> label_names,
         std::vector<double> buckets = {});

  /// The series for these label values (created on first use, made visible again if hidden).
  Series& with(std::initializer_list<std::string_view> values);
  Series& with(const label_values& values);
  /// The series without labels (for a family declared with none).
  Series& only() { return with(label_values{}); }

  /// Hides every series; with() shows one again. Scrape-time gauges call this, then set the
  /// series that still exist, so a breaker or queue kind that disappeared stops being reported.
  void hide_all();

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::string& help() const { return help_; }
  [[nodiscard]] const std::vector<std::string>& label_names() const { return labels_; }
  [[nodiscard]] const std::vector<double>& buckets() const { return buckets_; }

  /// Calls f(label_values, series) for every visible series, in label order, under the lock.
  template <class F>
  void for_each_visible(F&& f) const {
    std::lock_guard lock(mutex_);
    for (const auto& [values, entry] : series_)
      if (entry.visible) f(values, *entry.series);
  }

private:
  struct entry {
    std::unique_ptr<Series> series;
    bool visible = true;
  };
  std::string name_;
  std::string help_;
  std::vector<std::string> labels_;
  std::vector<double> buckets_;
  mutable std::mutex mutex_;
  std::map<label_values, entry> series_;
};

using counter_family = family<counter>;
using gauge_family = family<gauge>;
using histogram_family = family<histogram>;

class registry {
public:
  registry();
  registry(const registry&) = delete;
  registry& operator=(const registry&) = delete;
  ~registry();

  /// Registers (or finds, when registered before with the same type and labels) a family.
  counter_family& counter(std::string_view name, std::string_view help,
                          std::vector<std::string> label_names = {});
  gauge_family& gauge(std::string_view name, std::string_view help,
                      std::vector<std::string> label_names = {});
  /// `upper_bounds` ascending and finite; +Inf is implied.
  histogram_family& histogram(std::string_view name, std::string_view help,
                              std::vector<std::string> label_names,
                              std::vector<double> upper_bounds);

  /// Every registered family in registration order, in the text exposition format.
  [[nodiscard]] std::string render() const;

  /// Registration mistakes so far ("courtside_x: registered as gauge, asked for counter").
  [[nodiscard]] std::vector<std::string> problems() const;

private:
  struct slot;
  slot* find_or_add(std::string_view name, metric_type type, std::string_view help,
                    std::vector<std::string>& label_names, std::vector<double>& buckets);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<slot>> slots_;    ///< rendered, in registration order
  std::vector<std::unique_ptr<slot>> detached_; ///< mistakes: record, never render
  std::vector<std::string> problems_;
};

/// The process-wide registry every component records into.
[[nodiscard]] registry& global();

} // namespace courtside::metrics
