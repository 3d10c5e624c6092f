# Asio (with SSL) and Beast are compiled once, in their own translation units, so that every
# other file includes only declarations. See boost/beast/src.hpp and boost/asio/impl/src.hpp.
add_library(acgprov_boost STATIC
  ${PROJECT_SOURCE_DIR}/io/boost/asio_src.cpp
  ${PROJECT_SOURCE_DIR}/io/boost/beast_src.cpp)
target_compile_definitions(acgprov_boost PUBLIC
  BOOST_ASIO_SEPARATE_COMPILATION
  BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED
  BOOST_ASIO_NO_TS_EXECUTORS
  BOOST_BEAST_USE_STD_STRING_VIEW)
target_include_directories(acgprov_boost PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(acgprov_boost PUBLIC Boost::headers Boost::json Boost::url
  OpenSSL::SSL OpenSSL::Crypto Threads::Threads)

# One static library per design folder: every .cpp in the folder and its subfolders (one
# concern each) except the folder's own main.cpp and io/boost (compiled above).
# Globbing (with CONFIGURE_DEPENDS) keeps CMake out of the way when a file is added.
function(acgprov_folder_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  list(REMOVE_ITEM sources ${CMAKE_CURRENT_SOURCE_DIR}/main.cpp)
  list(FILTER sources EXCLUDE REGEX "/io/boost/")
  if(sources)
    add_library(${name} STATIC ${sources})
    target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} acgprov_boost PRIVATE acgprov_warnings)
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARG_DEPENDS} acgprov_boost)
  endif()
endfunction()
