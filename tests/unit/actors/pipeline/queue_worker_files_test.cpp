// Specs for the queue worker's second stage, and its last word on an item out of tries (queue_worker.hpp): a commit that leaves export
// files (phases::defer_exports) is committed without its ack, the files are written off the
// warehouse writer, and only then is the item acked — or nacked when they cannot be written,
// or done again when its inputs changed meanwhile. The real worker and warehouse on virtual
// time, with a handler that stands in for publish.
#include "actor/virtual_time_fixture.hpp"
#include "actors/phases/publish.hpp"
#include "actors/pipeline/queue_worker.hpp"
#include "actors/storage/warehouse.hpp"
#include "runtime/storage/work_queue.hpp"
#include "runtime/supervision/protocol.hpp"

#include "unit/actors/phases/phases_fixture.hpp"

#include <fstream>
#include <iterator>

namespace courtside::phases::test {
namespace {

using namespace std::chrono_literals;

struct shared_state {
  std::filesystem::path target;
  int commits = 0;
  int changes = 0; ///< still_current answers false this many times (inputs changed), then true
  std::vector<std::string> deaths; ///< on_dead's reasons
};

// Commits one file per try, "try <n>", through the worker's defer_exports scope.
class files_handler final : public pipeline::work_handler {
public:
  explicit files_handler(std::shared_ptr<shared_state> s) : s_(std::move(s)) {}
  std::optional<pipeline::scrape_call> scrape_for(const storage::work_item&) const override {
    return std::nullopt;
  }
  storage::storage_result<pipeline::commit_decision> commit(storage::database&,
                                                            const storage::work_item& item,
                                                            const scrape::scrape_result*,
                                                            unix_ms) const override {
    ++s_->commits;
    auto* scope = defer_exports::current();
    REQUIRE(scope != nullptr); // the worker always opens one around a commit
    pending_exports batch;
    batch.date = item.key;
    batch.files.push_back(file_write{s_->target, "try " + std::to_string(s_->commits) + "\n"});
    batch.still_current = [s = s_](storage::database&) -> storage::storage_result<bool> {
      if (s->changes == 0) return true;
      --s->changes;
      return false;
    };
    scope->add(std::move(batch));
    return pipeline::commit_decision::ack();
  }
  storage::storage_status on_dead(storage::database&, const storage::work_item&,
                                  std::string_view reason, unix_ms) const override {
    s_->deaths.emplace_back(reason);
    return {};
  }

private:
  std::shared_ptr<shared_state> s_;
};

struct worker_fixture : testing::virtual_time_fixture {
  std::filesystem::path dir = fresh_scratch_dir();
  std::shared_ptr<shared_state> state = std::make_shared<shared_state>();
  caf::actor root;

  unix_ms wall() const {
    return t0 + std::chrono::duration_cast<std::chrono::milliseconds>(
                  sched.clock().now().time_since_epoch()).count();
  }

  void start() {
    state->target = dir / "exports" / "2025-01-07" / "tonight.json";
    store::warehouse_settings w;
    w.file = dir / "warehouse.sqlite";
    w.busy_timeout = 0ms;
    w.wall_clock = [this] { return wall(); };
    supervisor_spec storage_group;
    storage_group.children.push_back(store::warehouse_child(std::move(w)));
    pipeline::queue_worker_settings q;
    q.kind = "publish";
    q.max_in_flight = 1;
    q.poll_interval = 500ms;
    q.retry_backoff = 2'000ms;
    q.wall_clock = [this] { return wall(); };
    supervisor_spec pipeline_group;
    pipeline_group.children.push_back(
      pipeline::queue_worker_child("publish", q, std::make_shared<files_handler>(state)));
    supervisor_spec spec;
    spec.children.push_back(supervisor_child("storage", std::move(storage_group)));
    spec.children.push_back(supervisor_child("pipeline", std::move(pipeline_group)));
    root = spawn_supervisor(sys, std::move(spec));
    sys.registry().put(root_registry_key, caf::actor_cast<caf::strong_actor_ptr>(root));
    run();
  }
  ~worker_fixture() {
    sys.registry().erase(root_registry_key);
    if (root) self->send_exit(root, caf::exit_reason::user_shutdown);
    run();
  }
  database open() {
    auto db = database::open({(dir / "warehouse.sqlite").string(), 0ms, false});
    if (!db) FAIL(db.error().describe());
    return std::move(db).value();
  }
  void enqueue(const std::string& key) {
    auto db = open();
    REQUIRE_OK(storage::enqueue(db, storage::new_work_item{"publish", key, "", 3, std::nullopt}, wall()));
  }
  std::string queue_row() {
    auto db = open();
    auto st = db.prepare("SELECT state || ' ' || attempts || ' ' || last_error FROM work_queue", "test");
    REQUIRE(st);
    auto row = st.value().step();
    REQUIRE(row);
    REQUIRE(row.value());
    return st.value().column_text(0);
  }
  std::string target_content() const {
    std::ifstream in(state->target, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void advance(milliseconds d) { // one poll at a time, so the worker's ticks fire in order
    for (auto left = d; left > 0ms; left -= 500ms) virtual_time_fixture::advance(std::min(left, 500ms));
  }
};

} // namespace

TEST_CASE_METHOD(worker_fixture, "a commit that leaves files is acked once they are written",
                 "[pipeline][queue_worker]") {
  start();
  enqueue("2025-01-07");
  advance(1s);
  CHECK(state->commits == 1);
  CHECK(target_content() == "try 1\n");
  CHECK(queue_row() == "done 0 ");
}

TEST_CASE_METHOD(worker_fixture,
                 "files that cannot be written nack the item, and its next try writes them",
                 "[pipeline][queue_worker]") {
  start();
  std::filesystem::create_directories(dir / "exports" / "2025-01-07" / "tonight.json"); // in the way
  enqueue("2025-01-07");
  advance(1s);
  CHECK(state->commits == 1);
  const std::string row = queue_row();
  CHECK(row.rfind("ready 1 ", 0) == 0);
  CHECK(row.find("tonight.json") != std::string::npos); // the error names the file
  std::filesystem::remove_all(dir / "exports" / "2025-01-07" / "tonight.json");
  advance(5s); // past the 2 s backoff
  CHECK(state->commits == 2);
  CHECK(target_content() == "try 2\n");
  CHECK(queue_row().rfind("done 1 ", 0) == 0);
}

TEST_CASE_METHOD(worker_fixture,
                 "an item whose inputs changed while its files were written is done again, "
                 "without a try spent",
                 "[pipeline][queue_worker]") {
  state->changes = 1;
  start();
  enqueue("2025-01-07");
  advance(1s);
  CHECK(state->changes == 0);
  CHECK(state->commits == 2);
  CHECK(target_content() == "try 2\n");
  CHECK(queue_row().rfind("done 0 ", 0) == 0);
}

TEST_CASE_METHOD(worker_fixture,
                 "an item whose last lease expired is dead-lettered by its worker, through the "
                 "handler's on_dead, and not run again",
                 "[pipeline][queue_worker]") {
  start();
  {
    // Another worker took the item's only try and hung; the sweeper hands it back.
    auto db = open();
    REQUIRE_OK(storage::enqueue(db, storage::new_work_item{"publish", "2025-01-07", "", 1, std::nullopt}, wall()));
    REQUIRE(storage::lease(db, "publish", "ghost#1", wall(), 1s, 1).value().size() == 1);
    auto swept = storage::sweep_expired_leases(db, wall() + 1'000);
    REQUIRE_OK(swept);
    REQUIRE(swept.value().exhausted.size() == 1);
  }
  advance(2s);
  CHECK(state->commits == 0);
  REQUIRE(state->deaths.size() == 1);
  CHECK(state->deaths.front() == "out of tries; the last: lease expired (held by ghost#1)");
  CHECK(queue_row() == "dead 1 out of tries; the last: lease expired (held by ghost#1)");
}

} // namespace courtside::phases::test
