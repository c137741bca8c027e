// A job body run on the warehouse: one transaction, then the report's alerts are raised.
#include <caf/all.hpp>

#include "actors/notifiers/raise_alert.hpp"
#include "actors/scheduler/scheduler.hpp"
#include "actors/storage/warehouse_client.hpp"

namespace courtside::jobs {

job_work warehouse_work(std::string label, job_body body) {
  return [label = std::move(label), body = std::move(body)](caf::event_based_actor* self,
                                                           const job_context& ctx, job_finish done) {
    auto report = std::make_shared<job_report>();
    auto job = store::make_job(label, [body, ctx, report](storage::database& db) -> storage::storage_status {
      auto tx = db.begin("job body");
      if (!tx) return tx.error();
      auto produced = body(db, ctx);
      if (!produced) return produced.error(); // rolled back with tx
      *report = std::move(produced).value();
      return tx.value().commit();
    });
    // The scheduler stops this run at the job's timeout; this bound only ends the request.
    store::ask_warehouse(self, std::move(job), std::chrono::hours{24},
                         [self, report, done](const storage::storage_status& r) {
                           if (!r) return done(false, r.error().describe());
                           for (auto& a : report->alerts) notify::raise_alert(self, std::move(a));
                           done(true, report->summary);
                         });
  };
}

} // namespace courtside::jobs
