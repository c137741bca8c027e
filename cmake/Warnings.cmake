# courtside_warnings: strict warnings for our own targets only (third-party headers are
# system includes and stay quiet).
add_library(courtside_warnings INTERFACE)
target_compile_options(courtside_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(courtside_warnings INTERFACE -Wshadow=local) # gcc's spelling only
endif()
if(COURTSIDE_WERROR)
  target_compile_options(courtside_warnings INTERFACE -Werror)
endif()

# Host-ISA code generation for simdjson On-Demand (inlined; scalar fallback otherwise).
function(courtside_json_isa target)
  if(COURTSIDE_HOST_ISA)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
