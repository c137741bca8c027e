#include "actors/storage/warehouse_client.hpp"

#include <caf/all.hpp>

#include "runtime/supervision/protocol.hpp"

namespace courtside::store {

void ask_warehouse(caf::event_based_actor* self, db_job_ptr job, std::chrono::milliseconds timeout,
                   warehouse_answer on_answer) {
  const std::string label = job->label;
  auto root = caf::actor_cast<caf::actor>(self->system().registry().get(root_registry_key));
  if (!root) {
    on_answer(storage::make_error(storage::storage_errc::unreachable, label, "no supervision tree"));
    return;
  }
  self->request(root, timeout, route_atom::value, std::string{warehouse_path},
                caf::make_message(db_atom::value, std::move(job)))
    .then([on_answer](const db_reply& r) { on_answer(*r); },
          [on_answer, label](const caf::error& e) {
            on_answer(storage::make_error(storage::storage_errc::unreachable, label,
                                          "storage.warehouse: " + describe_reason(e)));
          });
}

} // namespace courtside::store
