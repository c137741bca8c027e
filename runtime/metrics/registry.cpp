#include "runtime/metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "runtime/metrics/exposition.hpp"

namespace courtside::metrics {
namespace {

// C++17 has no atomic<double>::fetch_add; a CAS loop is lock-free on x86-64 and aarch64.
void atomic_add(std::atomic<double>& target, double by) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
  }
}

} // namespace

const char* to_string(metric_type t) noexcept {
  switch (t) {
    case metric_type::counter: return "counter";
    case metric_type::gauge: return "gauge";
    case metric_type::histogram: return "histogram";
  }
  return "untyped";
}

void counter::inc(double by) {
  if (!(by > 0)) return; // negative, zero and NaN
  atomic_add(value_, by);
}

void counter::mirror(double total) {
  if (std::isnan(total) || total < 0) return;
  value_.store(total, std::memory_order_relaxed);
}

void gauge::inc(double by) { atomic_add(value_, by); }

histogram::histogram(std::vector<double> upper_bounds)
  : bounds_(std::move(upper_bounds)),
    buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void histogram::observe(double v) {
  if (std::isnan(v)) return;
  // Bucket i counts le = bounds_[i] (inclusive); past the last bound: the +Inf bucket.
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
  buckets_[static_cast<size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  atomic_add(sum_, v);
  count_.fetch_add(1, std::memory_order_relaxed);
}

histogram::snapshot histogram::read() const {
  snapshot s;
  s.upper_bounds = bounds_;
  std::uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  // Read concurrently with observe(), count_ may run ahead of the buckets; Prometheus needs
  // the +Inf bucket to equal _count, so both come from the same sum.
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

// ---- family ----------------------------------------------------------------------------

template <class Series>
family<Series>::family(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> buckets)
  : name_(std::move(name)), help_(std::move(help)), labels_(std::move(label_names)),
    buckets_(std::move(buckets)) {}

template <class Series>
Series& family<Series>::with(std::initializer_list<std::string_view> values) {
  label_values v;
  for (auto s : values) v.emplace_back(s);
  return with(v);
}

template <class Series>
Series& family<Series>::with(const label_values& values) {
  label_values key(labels_.size());
  for (size_t i = 0; i < key.size() && i < values.size(); ++i) key[i] = values[i];
  std::lock_guard lock(mutex_);
  auto it = series_.find(key);
  if (it == series_.end()) {
    entry e;
    if constexpr (std::is_same_v<Series, histogram>)
      e.series = std::make_unique<histogram>(buckets_);
    else
      e.series = std::make_unique<Series>();
    it = series_.emplace(std::move(key), std::move(e)).first;
  }
  it->second.visible = true;
  return *it->second.series;
}

template <class Series>
void family<Series>::hide_all() {
  std::lock_guard lock(mutex_);
  for (auto& [values, e] : series_) e.visible = false;
}

template class family<counter>;
template class family<gauge>;
template class family<histogram>;

// ---- registry --------------------------------------------------------------------------

struct registry::slot {
  metric_type type;
  std::variant<std::unique_ptr<counter_family>, std::unique_ptr<gauge_family>,
               std::unique_ptr<histogram_family>>
    fam;
};

namespace {

template <class Family>
void render_simple(std::string& out, const Family& f) {
  f.for_each_visible([&](const label_values& values, const auto& series) {
    out += f.name();
    out += format_labels(f.label_names(), values);
    out += ' ';
    out += format_value(series.value());
    out += '\n';
  });
}

void render_histogram(std::string& out, const histogram_family& f) {
  f.for_each_visible([&](const label_values& values, const histogram& h) {
    const auto s = h.read();
    for (size_t i = 0; i < s.cumulative.size(); ++i) {
      const std::pair<std::string_view, std::string> le{
        "le", i < s.upper_bounds.size() ? format_value(s.upper_bounds[i]) : "+Inf"};
      out += f.name() + "_bucket" + format_labels(f.label_names(), values, &le) + ' '
           + std::to_string(s.cumulative[i]) + '\n';
    }
    const auto labels = format_labels(f.label_names(), values);
    out += f.name() + "_sum" + labels + ' ' + format_value(s.sum) + '\n';
    out += f.name() + "_count" + labels + ' ' + std::to_string(s.count) + '\n';
  });
}

std::string problem_of(std::string_view name, metric_type type,
                       const std::vector<std::string>& labels, const std::vector<double>& buckets) {
  if (!valid_metric_name(name)) return "'" + std::string(name) + "': not a valid metric name";
  for (const auto& l : labels)
    if (!valid_label_name(l))
      return std::string(name) + ": '" + l + "' is not a valid label name";
  if (type == metric_type::histogram) {
    if (buckets.empty()) return std::string(name) + ": a histogram needs at least one bucket";
    for (size_t i = 0; i < buckets.size(); ++i)
      if (!std::isfinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1]))
        return std::string(name) + ": bucket bounds must be finite and strictly ascending";
  }
  return {};
}

} // namespace

registry::registry() = default;
registry::~registry() = default;

registry::slot* registry::find_or_add(std::string_view name, metric_type type,
                                      std::string_view help, std::vector<std::string>& labels,
                                      std::vector<double>& buckets) {
  auto make = [&] {
    auto s = std::make_unique<slot>();
    s->type = type;
    std::string n(name), h(help);
    switch (type) {
      case metric_type::counter:
        s->fam = std::make_unique<counter_family>(n, h, labels);
        break;
      case metric_type::gauge:
        s->fam = std::make_unique<gauge_family>(n, h, labels);
        break;
      case metric_type::histogram:
        s->fam = std::make_unique<histogram_family>(n, h, labels, buckets);
        break;
    }
    return s;
  };
  auto detach = [&](std::string why) {
    problems_.push_back(std::move(why));
    detached_.push_back(make());
    return detached_.back().get();
  };
  std::lock_guard lock(mutex_);
  if (auto why = problem_of(name, type, labels, buckets); !why.empty()) return detach(why);
  for (auto& s : slots_) {
    const auto& existing = std::visit([](const auto& f) -> const std::string& { return f->name(); },
                                      s->fam);
    if (existing != name) continue;
    const auto& existing_labels = std::visit(
      [](const auto& f) -> const std::vector<std::string>& { return f->label_names(); }, s->fam);
    const auto& existing_buckets = std::visit(
      [](const auto& f) -> const std::vector<double>& { return f->buckets(); }, s->fam);
    if (s->type != type)
      return detach(std::string(name) + ": registered as " + to_string(s->type) + ", asked for "
                    + to_string(type));
    if (existing_labels != labels || existing_buckets != buckets)
      return detach(std::string(name) + ": registered again with other labels or buckets");
    return s.get();
  }
  slots_.push_back(make());
  return slots_.back().get();
}

counter_family& registry::counter(std::string_view name, std::string_view help,
                                  std::vector<std::string> label_names) {
  std::vector<double> none;
  return *std::get<0>(find_or_add(name, metric_type::counter, help, label_names, none)->fam);
}

gauge_family& registry::gauge(std::string_view name, std::string_view help,
                              std::vector<std::string> label_names) {
  std::vector<double> none;
  return *std::get<1>(find_or_add(name, metric_type::gauge, help, label_names, none)->fam);
}

histogram_family& registry::histogram(std::string_view name, std::string_view help,
                                      std::vector<std::string> label_names,
                                      std::vector<double> upper_bounds) {
  return *std::get<2>(
    find_or_add(name, metric_type::histogram, help, label_names, upper_bounds)->fam);
}

std::string registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& s : slots_) {
    std::visit(
      [&](const auto& f) {
        out += "# HELP " + f->name() + ' ' + escape_help(f->help()) + '\n';
        out += "# TYPE " + f->name() + ' ' + to_string(s->type) + '\n';
        if constexpr (std::is_same_v<std::decay_t<decltype(*f)>, histogram_family>)
          render_histogram(out, *f);
        else
          render_simple(out, *f);
      },
      s->fam);
  }
  return out;
}

std::vector<std::string> registry::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

registry& global() {
  static registry instance;
  return instance;
}

} // namespace courtside::metrics
