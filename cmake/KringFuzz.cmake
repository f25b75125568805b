# KRING_FUZZ: the libFuzzer binaries of src/fuzz/ (clang only). They link copies of the layer
# libraries compiled again with coverage instrumentation and sanitizers; the normal libraries
# stay as they are, and only the layers a fuzz target needs get a copy.
#   CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DKRING_FUZZ=ON
#   cmake --build build-fuzz --target kring_fuzzers       (or scripts/fuzz)
option(KRING_FUZZ "Build the libFuzzer binaries of src/fuzz (clang only)" OFF)
if(KRING_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "KRING_FUZZ needs clang (CXX=clang++)")
endif()

# -fno-sanitize-recover: an undefined behaviour report stops the run like a crash.
set(KRING_FUZZ_SANITIZE -fsanitize=address,undefined -fno-sanitize-recover=all)

# kring_fuzz_instrumented(<library> [SOURCES file...])
# With KRING_FUZZ on, adds <library>_fuzz: <library>'s sources (or only the SOURCES listed),
# include directories and definitions, compiled for the fuzzers. It links what <library> links,
# each kring_* library replaced by its own instrumented copy, or left out when it has none (so a
# copy of a few sources does not drag in layers it does not use). Call it in the directory that
# defines <library>, after its target_link_libraries: the imported targets it links are only
# visible there. Without KRING_FUZZ it does nothing.
function(kring_fuzz_instrumented library)
  if(NOT KRING_FUZZ)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES")
  if(arg_SOURCES)
    set(sources ${arg_SOURCES})
  else()
    get_target_property(sources ${library} SOURCES)
  endif()
  set(copy ${library}_fuzz)
  add_library(${copy} STATIC ${sources})
  foreach(property INCLUDE_DIRECTORIES COMPILE_DEFINITIONS INTERFACE_INCLUDE_DIRECTORIES
                   INTERFACE_COMPILE_DEFINITIONS INTERFACE_SYSTEM_INCLUDE_DIRECTORIES)
    get_target_property(value ${library} ${property})
    if(value)
      set_property(TARGET ${copy} PROPERTY ${property} ${value})
    endif()
  endforeach()
  get_target_property(links ${library} LINK_LIBRARIES)
  set(copy_links)
  foreach(link IN LISTS links)
    if(NOT link MATCHES "^kring_")
      list(APPEND copy_links ${link})
    elseif(TARGET ${link}_fuzz)
      list(APPEND copy_links ${link}_fuzz)
    endif()
  endforeach()
  target_link_libraries(${copy} PUBLIC ${copy_links})
  target_compile_options(${copy} PRIVATE -fsanitize=fuzzer-no-link ${KRING_FUZZ_SANITIZE})
endfunction()
