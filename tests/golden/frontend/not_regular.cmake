# A rule file that is a named pipe (or a waiver file that is one) is never read: `check` says
# E0005 at once and exits 2, instead of waiting for a writer that never comes. Run as
#
#   cmake -DWW=<wegwijzer binary> -DWORK_DIR=<scratch folder> -P not_regular.cmake
cmake_minimum_required(VERSION 3.25)
find_program(MKFIFO mkfifo REQUIRED)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${MKFIFO}" "${WORK_DIR}/pijp.ww" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mkfifo failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E env NO_COLOR=1 "${WW}" check pijp.ww
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out TIMEOUT 30)
if(NOT rc STREQUAL "2" OR NOT out MATCHES "error\\[E0005\\]: cannot read `pijp.ww`" OR
   NOT out MATCHES "it is not a regular file")
  message(FATAL_ERROR "check of a named pipe: exit ${rc}\n${out}")
endif()
# A waiver file beside a ruleset that is a named pipe.
file(WRITE "${WORK_DIR}/r.ww" "ruleset r \"R\"\nquestion q \"Q\" yes/no\ndecision d \"D\" {\n  outcome ja \"Ja\"\n}\nrule a when q then ja\nrule b when not q then ja\n")
execute_process(COMMAND "${MKFIFO}" "${WORK_DIR}/r.waivers")
execute_process(COMMAND "${CMAKE_COMMAND}" -E env NO_COLOR=1 "${WW}" check r.ww
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out TIMEOUT 30)
if(NOT rc STREQUAL "2" OR NOT out MATCHES "error\\[E0005\\]: cannot read `r.waivers`")
  message(FATAL_ERROR "check with a waiver file that is a named pipe: exit ${rc}\n${out}")
endif()
message(STATUS "not a regular file: ok")
