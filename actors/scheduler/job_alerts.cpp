#include "actors/scheduler/job_alerts.hpp"

namespace courtside::jobs {

std::vector<alerting::alert> alerts_for(const schedule::run_end& e) {
  using alerting::severity;
  std::vector<alerting::alert> out;
  const std::string key = "job:" + e.run.job;
  if (e.final_failure) {
    alerting::alert a;
    a.key = key;
    a.level = severity::error;
    a.title = "job " + e.run.job +
              (e.outcome == schedule::run_outcome::timed_out ? " timed out" : " failed");
    a.text = e.detail;
    a.fields = {{"job", e.run.job}, {"trigger", to_string(e.run.trigger)}};
    a.attempt = e.run.attempt;
    a.max_attempts = e.run.max_attempts;
    out.push_back(std::move(a));
  }
  if (e.paused) {
    alerting::alert a;
    a.key = key + ":paused";
    a.level = severity::critical;
    a.title = "job " + e.run.job + " paused after repeated failures";
    a.text = "It will not fire again until a manual run (POST /api/jobs/" + e.run.job +
             "/run) succeeds. Last error: " + e.detail;
    a.fields = {{"job", e.run.job}};
    out.push_back(std::move(a));
  }
  if (e.recovered) {
    for (const auto& k : {key, key + ":paused"}) {
      alerting::alert a;
      a.key = k;
      a.level = severity::info;
      a.title = "job " + e.run.job + " succeeded again";
      a.text = e.detail;
      a.resolved = true;
      out.push_back(std::move(a));
    }
  }
  return out;
}

} // namespace courtside::jobs
