# Writes every catalogue file (i18n/<language>/*.json) as one C++ initializer list of
# {language, file, text}, to be #included by compiler/support/i18n.cpp.
#
#   cmake -DDIR=<i18n folder> -DOUTPUT=<.inc file> -P embed_catalogue.cmake
cmake_minimum_required(VERSION 3.25)
file(GLOB files RELATIVE "${DIR}" "${DIR}/*/*.json")
list(SORT files)
set(out "")
foreach(rel IN LISTS files)
  get_filename_component(lang "${rel}" DIRECTORY)
  get_filename_component(name "${rel}" NAME)
  file(READ "${DIR}/${rel}" content)
  string(FIND "${content}" ")wwtext\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "embed_catalogue.cmake: ${rel} contains the delimiter )wwtext\"")
  endif()
  string(APPEND out "{\"${lang}\", \"${name}\", R\"wwtext(${content})wwtext\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
