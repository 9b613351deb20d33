# Warnings for our own targets; third-party headers come in as SYSTEM and stay quiet.
function(verbund_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
                                           -Wno-sign-conversion)
  # GCC 12 reports "literal" + std::string as overlapping memcpy at -O2 and above: a known false
  # positive (GCC bug 105329), so -Wrestrict is off there.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(VERBUND_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
