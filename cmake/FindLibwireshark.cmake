# Finds the libwireshark to build the plugin against.
#
# Wireshark's own CMake package comes first (Wireshark's builds, Debian 12);
# where the -dev package ships none (Debian 13 and later), pkg-config's
# wireshark.pc gives the same facts. Either way the rest of the build gets:
#   Wireshark_MAJOR_VERSION, Wireshark_MINOR_VERSION
#   Wireshark_INSTALL_PREFIX   the prefix Wireshark was installed under
#   Wireshark_PLUGIN_LIBDIR    its plugin folder, relative to that prefix
#   IKEDIAG_LIBWIRESHARK_FILE  libwireshark.so itself (for the .deb's Depends)
#   target ikediag::libwireshark  headers and libraries to link
find_package(Wireshark 4.0 CONFIG QUIET)
if(Wireshark_FOUND)
  add_library(ikediag::libwireshark INTERFACE IMPORTED)
  target_include_directories(ikediag::libwireshark SYSTEM INTERFACE ${Wireshark_INCLUDE_DIR})
  target_link_libraries(ikediag::libwireshark INTERFACE epan)
  get_target_property(IKEDIAG_LIBWIRESHARK_FILE epan IMPORTED_LOCATION_NONE)
  if(NOT IKEDIAG_LIBWIRESHARK_FILE)
    get_target_property(IKEDIAG_LIBWIRESHARK_FILE epan LOCATION)
  endif()
  set(Libwireshark_FOUND TRUE)
  return()
endif()

pkg_check_modules(WIRESHARK_PC REQUIRED IMPORTED_TARGET wireshark>=4.0)
pkg_get_variable(_ws_prefix wireshark prefix)
pkg_get_variable(_ws_plugindir wireshark plugindir)
if(NOT WIRESHARK_PC_VERSION MATCHES "^([0-9]+)\\.([0-9]+)")
  message(FATAL_ERROR "wireshark.pc gives no usable version: '${WIRESHARK_PC_VERSION}'")
endif()
set(Wireshark_MAJOR_VERSION "${CMAKE_MATCH_1}")
set(Wireshark_MINOR_VERSION "${CMAKE_MATCH_2}")
set(Wireshark_INSTALL_PREFIX "${_ws_prefix}")
if(NOT _ws_plugindir)
  message(FATAL_ERROR "wireshark.pc does not say where plugins go (no plugindir)")
endif()
file(RELATIVE_PATH Wireshark_PLUGIN_LIBDIR "${_ws_prefix}" "${_ws_plugindir}")
find_library(IKEDIAG_LIBWIRESHARK_FILE wireshark HINTS ${WIRESHARK_PC_LIBRARY_DIRS} REQUIRED NO_CACHE)
add_library(ikediag::libwireshark INTERFACE IMPORTED)
target_link_libraries(ikediag::libwireshark INTERFACE PkgConfig::WIRESHARK_PC)
set(Libwireshark_FOUND TRUE)
message(STATUS "ikediag: Wireshark ${WIRESHARK_PC_VERSION} from pkg-config; plugins go to ${_ws_plugindir}")
