# Runs `wegwijzer` on every front-end golden input (the bad files, odd encodings, link loops)
# with every output format, and fails when any run reaches main()'s last-resort handler
# ("internal error", exit 70), crashes, or exits with a code that is not 0 to 3. Run as
#
#   cmake -DWW=<wegwijzer binary> -DROOT=<repository root> [-DTIMEOUT=<seconds>]
#         -P no_internal_error.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var WW ROOT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "no_internal_error.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED TIMEOUT OR "${TIMEOUT}" STREQUAL "")
  set(TIMEOUT 60)
endif()

set(dir "tests/golden/frontend")
file(GLOB inputs LIST_DIRECTORIES true RELATIVE "${ROOT}"
     "${ROOT}/${dir}/bad/*.ww" "${ROOT}/${dir}/bad/*/" "${ROOT}/${dir}/links/*")
list(FILTER inputs EXCLUDE REGEX "\\.expected$")
list(SORT inputs)

set(ENV{NO_COLOR} 1)
set(failures "")
set(runs 0)
foreach(input IN LISTS inputs)
  foreach(format text json sarif junit export)
    if(format STREQUAL "export")
      set(args export --format json --unverified "${input}")
    else()
      set(args check --format ${format} "${input}")
    endif()
    execute_process(
      COMMAND "${WW}" ${args}
      WORKING_DIRECTORY "${ROOT}"
      INPUT_FILE /dev/null
      OUTPUT_VARIABLE output
      ERROR_VARIABLE output
      RESULT_VARIABLE code
      TIMEOUT ${TIMEOUT})
    math(EXPR runs "${runs} + 1")
    string(FIND "${output}" "internal error" internal)
    if(NOT code MATCHES "^[0-3]$" OR NOT internal EQUAL -1)
      string(SUBSTRING "${output}" 0 400 shown)
      list(JOIN args " " command)
      string(APPEND failures "\n  wegwijzer ${command}: exit ${code}\n    ${shown}")
    endif()
  endforeach()
endforeach()

if(NOT failures STREQUAL "")
  message(FATAL_ERROR "no_internal_error: runs that did not end in a diagnostic:${failures}")
endif()
message(STATUS "no_internal_error: ${runs} runs, each ended with exit 0 to 3 and no internal error")
