# Embeds the files of templates/, index/ and demo/ into the binary as a table of
# (relative path, bytes), read through core/Resources.h. Regenerated when any of them changes.
file(GLOB_RECURSE KRING_RESOURCE_FILES CONFIGURE_DEPENDS
  RELATIVE ${PROJECT_SOURCE_DIR}
  ${PROJECT_SOURCE_DIR}/templates/*
  ${PROJECT_SOURCE_DIR}/index/*
  ${PROJECT_SOURCE_DIR}/demo/*)
list(SORT KRING_RESOURCE_FILES)
set(KRING_RESOURCES_CC ${PROJECT_BINARY_DIR}/generated/EmbeddedResources.cc)
list(TRANSFORM KRING_RESOURCE_FILES PREPEND ${PROJECT_SOURCE_DIR}/ OUTPUT_VARIABLE _kring_abs)
add_custom_command(
  OUTPUT ${KRING_RESOURCES_CC}
  COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -DOUT=${KRING_RESOURCES_CC}
          "-DFILES=${KRING_RESOURCE_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  DEPENDS ${_kring_abs} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  COMMENT "Embedding templates, index data and demo content"
  VERBATIM)
