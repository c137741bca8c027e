#pragma once
// ops.fault_injector: crashes named actors on a plan, to show (and test) that the tree heals.
// Each plan crashes `target` every `every` after `start_after`, `times` times (0 = forever);
// a crash is an exit with reason fault_injected, delivered through the root supervisor so the
// target is found by path whatever incarnation is running. A shot at a child that is down
// (restarting) misses and is not counted.
#include <string>
#include <vector>

#include "runtime/supervision/supervisor.hpp"

namespace courtside {

struct crash_plan {
  std::string target;
  milliseconds every{1000};
  int times = 0;
  milliseconds start_after{0};
};

[[nodiscard]] child_spec fault_injector_child(std::vector<crash_plan> plans);

} // namespace courtside
