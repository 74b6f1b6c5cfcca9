# Writes a text file as a C++ raw string literal, to be #included: the binary carries
# docs/diagnostics.md itself, so SARIF rule descriptions always say what the docs say.
#
#   cmake -DINPUT=<text file> -DOUTPUT=<.inc file> -P embed_text.cmake
cmake_minimum_required(VERSION 3.25)
file(READ "${INPUT}" content)
string(FIND "${content}" ")wwtext\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "embed_text.cmake: ${INPUT} contains the delimiter )wwtext\"")
endif()
file(WRITE "${OUTPUT}.tmp" "R\"wwtext(${content})wwtext\"\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
