# Checks `wegwijzer diff --git REV`: in a scratch git repository (in the build tree, never
# committed) the old version of tests/golden/diff/rule_added is committed, the new version is
# written over it, and `diff --git HEAD rules` must print git_rev.txt exactly (exit 0);
# `--fail-on changed` must exit 1, `--detailed-exitcode` 4, and an unknown revision must exit 2.
# Then a dated ruleset that extends a module two folders down (tests/golden/diff/git_module):
# the diff from the repository's root and from inside the folder must find the same changed
# cases (the module is found beside the old version's file, as `check` finds it). Run as
#
#   cmake -DWW=<wegwijzer binary> -DSOURCE_DIR=<tests/golden/diff> -DWORK_DIR=<scratch folder>
#         -P git_rev.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var WW SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "git_rev.cmake: -D${var}=... is required")
  endif()
endforeach()
find_program(GIT git REQUIRED)

set(repo "${WORK_DIR}/repo")
file(REMOVE_RECURSE "${repo}")
file(MAKE_DIRECTORY "${repo}/rules")
function(run_git)
  execute_process(COMMAND "${GIT}" -c user.name=wegwijzer -c user.email=wegwijzer@example.invalid
                          ${ARGN}
                  WORKING_DIRECTORY "${repo}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "git ${ARGN} failed: ${err}")
  endif()
endfunction()
run_git(init -q)
file(COPY_FILE "${SOURCE_DIR}/rule_added/old.ww" "${repo}/rules/delen.ww")
run_git(add rules/delen.ww)
run_git(commit -q -m "old version")
file(COPY_FILE "${SOURCE_DIR}/rule_added/new.ww" "${repo}/rules/delen.ww")

function(run_diff expected_rc)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env NO_COLOR=1 WEGWIJZER_CACHE=off "${WW}" diff ${ARGN}
                  WORKING_DIRECTORY "${repo}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE out TIMEOUT 100)
  if(NOT rc STREQUAL "${expected_rc}")
    message(FATAL_ERROR "wegwijzer diff ${ARGN}: exit ${rc}, expected ${expected_rc}\n${out}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run_diff(0 --git HEAD rules)
file(READ "${SOURCE_DIR}/git_rev.txt" expected)
if(NOT output STREQUAL expected)
  file(WRITE "${WORK_DIR}/git_rev.actual" "${output}")
  message(FATAL_ERROR "wegwijzer diff --git HEAD rules printed (also in ${WORK_DIR}/git_rev.actual):\n"
                      "${output}\nexpected:\n${expected}")
endif()
run_diff(1 --git HEAD --fail-on changed rules)
run_diff(2 --git no-such-revision rules)
if(NOT output MATCHES "`no-such-revision` is not a git revision here")
  message(FATAL_ERROR "unexpected message for an unknown revision:\n${output}")
endif()
run_diff(4 --git HEAD --detailed-exitcode rules)

# A module beside a dated ruleset, two folders down, changed after a commit.
file(MAKE_DIRECTORY "${repo}/policy/rulesets")
file(COPY_FILE "${SOURCE_DIR}/git_module/kader.ww" "${repo}/policy/rulesets/kader.ww")
file(COPY_FILE "${SOURCE_DIR}/git_module/arts_old.ww" "${repo}/policy/rulesets/arts.ww")
run_git(add policy)
run_git(commit -q -m "a profession")
file(COPY_FILE "${SOURCE_DIR}/git_module/arts_new.ww" "${repo}/policy/rulesets/arts.ww")
set(expected_change "`nee` -> `ja` (1 case)")
foreach(where "." "policy" "policy/rulesets")
  if(where STREQUAL ".")
    set(path policy/rulesets/)
  elseif(where STREQUAL "policy")
    set(path rulesets)
  else()
    set(path .)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env NO_COLOR=1 WEGWIJZER_CACHE=off "${WW}" diff --git HEAD ${path}
                  WORKING_DIRECTORY "${repo}/${where}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE out TIMEOUT 100)
  if(NOT rc STREQUAL "0" OR NOT out MATCHES "on every date:" OR
     NOT out MATCHES "1 of 36 cases changed" OR out MATCHES "errors that stop")
    message(FATAL_ERROR "diff --git HEAD ${path} in ${where}: exit ${rc}\n${out}")
  endif()
  string(FIND "${out}" "${expected_change}" at)
  if(at LESS 0)
    message(FATAL_ERROR "diff --git HEAD ${path} in ${where} does not say ${expected_change}:\n${out}")
  endif()
endforeach()
message(STATUS "diff --git: ok")
