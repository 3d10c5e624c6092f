# The man page acgprov(1) and the shell completions, made from the option table
# (jobs/cli/option_table.cpp) by `acgprov __describe man|bash|zsh`.
#   cmake -DACGPROV=path/to/acgprov -DSOURCE=source/dir -DMODE=write -P cmake/cli_docs.cmake
# rewrites the committed copies (the target cli_docs does it); MODE=check (the test
# cli_docs_current) fails when a committed copy differs from what the table makes.
set(stale "")
set(kinds man bash zsh)
set(files docs/man/acgprov.1 completions/acgprov.bash completions/_acgprov)
foreach(what file IN ZIP_LISTS kinds files)
  execute_process(COMMAND ${ACGPROV} __describe ${what} OUTPUT_VARIABLE text RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "acgprov __describe ${what} failed")
  endif()
  if(MODE STREQUAL "write")
    file(WRITE ${SOURCE}/${file} "${text}")
  else()
    file(READ ${SOURCE}/${file} committed)
    if(NOT "${committed}" STREQUAL "${text}")
      list(APPEND stale ${file})
    endif()
  endif()
endforeach()
if(stale)
  message(FATAL_ERROR "${stale} differ from the option table (jobs/cli/option_table.cpp): regenerate with "
                      "`cmake --build build --target cli_docs` and commit them")
endif()
