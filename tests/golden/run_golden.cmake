# Runs one golden test. Invoked by ctest as
#
#   cmake -DWW=<wegwijzer binary> -DROOT=<repository root> -DINPUT=<input, relative to ROOT>
#         -DEXPECTED=<absolute path of the .expected file> [-DACTUAL=<where to write the output>]
#         [-DTIMEOUT=<seconds>] -P run_golden.cmake
#
# The .expected file format (see tests/README.md):
#
#   # command: wegwijzer ARGS...        ARGS may use {file} and {dir}
#   <exact combined stdout+stderr>
#   #exit N#
#
# With WW_UPDATE_GOLDEN=1 in the environment the .expected file is rewritten instead of compared.
cmake_minimum_required(VERSION 3.25)

foreach(var WW ROOT INPUT EXPECTED)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_golden.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED TIMEOUT OR "${TIMEOUT}" STREQUAL "")
  set(TIMEOUT 110)
endif()

set(update FALSE)
if("$ENV{WW_UPDATE_GOLDEN}" STREQUAL "1")
  set(update TRUE)
endif()

if(NOT EXISTS "${ROOT}/${INPUT}" AND NOT IS_SYMLINK "${ROOT}/${INPUT}")
  message(FATAL_ERROR "golden: input '${INPUT}' for '${EXPECTED}' does not exist")
endif()
if(NOT EXISTS "${WW}" OR IS_DIRECTORY "${WW}")
  message(FATAL_ERROR "golden: the wegwijzer binary '${WW}' does not exist (build first)")
endif()

# --- read the expected file and take its command line -----------------------------------------
set(command_prefix "# command: ")
set(default_command "wegwijzer check {file}")
set(expected "")
if(EXISTS "${EXPECTED}")
  file(READ "${EXPECTED}" expected)
endif()

string(FIND "${expected}" "\n" eol)
if(eol EQUAL -1)
  set(first_line "${expected}")
else()
  string(SUBSTRING "${expected}" 0 ${eol} first_line)
endif()
string(LENGTH "${command_prefix}" prefix_len)
string(FIND "${first_line}" "${command_prefix}" prefix_pos)
if(prefix_pos EQUAL 0)
  string(SUBSTRING "${first_line}" ${prefix_len} -1 command_line)
elseif(update AND "${expected}" STREQUAL "")
  # A new, empty .expected file gets the default command when updating.
  set(command_line "${default_command}")
else()
  message(FATAL_ERROR "golden: the first line of '${EXPECTED}' must be "
                      "'${command_prefix}wegwijzer ARGS...' (an empty file is filled in "
                      "with '${default_command}' by WW_UPDATE_GOLDEN=1)")
endif()
string(STRIP "${command_line}" command_line)

# Split like a POSIX shell would (single/double quotes and backslashes are honoured). ';', '['
# and ']' are swapped for control characters first: CMake lists would split or glue arguments at
# them. They are put back in each argument afterwards.
string(ASCII 1 semi_mark)
string(ASCII 2 open_mark)
string(ASCII 3 close_mark)
string(REPLACE ";" "${semi_mark}" split_line "${command_line}")
string(REPLACE "[" "${open_mark}" split_line "${split_line}")
string(REPLACE "]" "${close_mark}" split_line "${split_line}")
separate_arguments(argv UNIX_COMMAND "${split_line}")
list(LENGTH argv argc)
if(argc EQUAL 0)
  message(FATAL_ERROR "golden: empty command in '${EXPECTED}'")
endif()
list(GET argv 0 program)
if(NOT program STREQUAL "wegwijzer")
  message(FATAL_ERROR "golden: the command in '${EXPECTED}' must start with 'wegwijzer', "
                      "not '${program}'")
endif()
list(REMOVE_AT argv 0)

# --- substitute placeholders and build the call -------------------------------------------------
# Each argument goes into the call as a bracket argument ([==[...]==]), taken literally by CMake,
# so no list expansion ever touches it.
get_filename_component(input_dir "${INPUT}" DIRECTORY)
if(input_dir STREQUAL "")
  set(input_dir ".")
endif()
set(call_args "")
foreach(arg IN LISTS argv)
  string(REPLACE "${semi_mark}" ";" arg "${arg}")
  string(REPLACE "${open_mark}" "[" arg "${arg}")
  string(REPLACE "${close_mark}" "]" arg "${arg}")
  string(REPLACE "{file}" "${INPUT}" arg "${arg}")
  string(REPLACE "{dir}" "${input_dir}" arg "${arg}")
  set(eq "=")
  while(arg MATCHES "]${eq}")
    string(APPEND eq "=")
  endwhile()
  string(APPEND call_args " [${eq}[${arg}]${eq}]")
endforeach()

# --- run ----------------------------------------------------------------------------------------
set(ENV{NO_COLOR} 1)
# "Today" is fixed, so that answers for today (the default of explain, ask and export) and the
# date lines of exports are the same on every day the tests run.
set(ENV{WW_TODAY} 2026-12-01)
# Every golden run starts with no decided proofs on disk, so that a check record's `reused` does
# not depend on what ran before (the cache has tests of its own: tests/cache).
set(ENV{WEGWIJZER_CACHE} off)
# The language is English unless the command says `--lang nl` (docs/i18n.md): the developer's
# locale never changes a golden's output.
unset(ENV{WEGWIJZER_LANG})
unset(ENV{LC_MESSAGES})
set(ENV{LC_ALL} C)
set(ENV{LANG} C)
unset(ENV{CLICOLOR_FORCE})
unset(ENV{FORCE_COLOR})
# Naming the same variable for both pipes merges them in the order the output was produced.
cmake_language(EVAL CODE "
execute_process(
  COMMAND \"\${WW}\"${call_args}
  WORKING_DIRECTORY \"\${ROOT}\"
  INPUT_FILE /dev/null
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output
  RESULT_VARIABLE exit_code
  TIMEOUT \${TIMEOUT})")

if(NOT exit_code MATCHES "^[0-9]+$")
  # Killed by a signal, timed out, or could not be started: never write this into a golden file.
  message("${output}")
  message(FATAL_ERROR "golden: '${command_line}' did not exit normally: ${exit_code}")
endif()

# --- build the actual text ----------------------------------------------------------------------
set(actual "${command_prefix}${command_line}\n${output}")
if(NOT output STREQUAL "")
  string(LENGTH "${output}" output_len)
  math(EXPR last "${output_len} - 1")
  string(SUBSTRING "${output}" ${last} 1 last_char)
  if(NOT last_char STREQUAL "\n")
    # Like diff's "\ No newline at end of file": keeps the #exit line on its own line.
    string(APPEND actual "\n#no newline at end of output#\n")
  endif()
endif()
string(APPEND actual "#exit ${exit_code}#\n")

# --- update or compare --------------------------------------------------------------------------
if(update)
  if("${actual}" STREQUAL "${expected}")
    message("golden: ${INPUT}: unchanged")
  else()
    file(WRITE "${EXPECTED}" "${actual}")
    message("golden: ${INPUT}: updated ${EXPECTED}")
  endif()
  return()
endif()

if(NOT DEFINED ACTUAL OR "${ACTUAL}" STREQUAL "")
  set(ACTUAL "${EXPECTED}.actual")
  string(REGEX REPLACE "\\.expected\\.actual$" ".actual" ACTUAL "${ACTUAL}")
endif()

# An editor that drops the final newline after '#exit N#' does not make the test fail.
if("${actual}" STREQUAL "${expected}" OR "${actual}" STREQUAL "${expected}\n")
  file(REMOVE "${ACTUAL}")
  return()
endif()
file(WRITE "${ACTUAL}" "${actual}")

find_program(DIFF_TOOL diff)
set(shown FALSE)
if(DIFF_TOOL)
  execute_process(
    COMMAND "${DIFF_TOOL}" -u --label "expected: ${EXPECTED}" --label "actual: ${ACTUAL}"
            "${EXPECTED}" "${ACTUAL}"
    OUTPUT_VARIABLE diff_text
    ERROR_VARIABLE diff_text
    RESULT_VARIABLE diff_rc)
  if(diff_rc EQUAL 1)
    message("${diff_text}")
    set(shown TRUE)
  endif()
endif()
if(NOT shown)
  message("----- expected (${EXPECTED}) -----\n${expected}"
          "----- actual (${ACTUAL}) -----\n${actual}"
          "-----")
endif()
message(FATAL_ERROR "golden: output of '${command_line}' differs from ${EXPECTED}\n"
                    "(run with WW_UPDATE_GOLDEN=1, or build the update-golden target, to accept)")
