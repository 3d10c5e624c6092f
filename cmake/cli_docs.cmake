# The man page acgprov(1) and the shell completions, made from the option table
# (jobs/cli/option_table.cpp) by `acgprov __describe man|bash|zsh`.
#   cmake -DACGPROV=path/to/acgprov -DSOURCE=source/dir -DMODE=write -P cmake/cli_docs.cmake
# rewrites the committed copies (the target cli_docs does it); MODE=check (the test
# cli_docs_current) fails when a committed copy differs from what the table makes.
# acgprov-sim(1) comes the same way from the emulator's help text (-DACGPROV_SIM=path,
# `acgprov-sim --man-page`).
set(stale "")
set(commands "${ACGPROV} __describe man" "${ACGPROV} __describe bash" "${ACGPROV} __describe zsh"
             "${ACGPROV_SIM} --man-page")
set(files docs/man/acgprov.1 completions/acgprov.bash completions/_acgprov docs/man/acgprov-sim.1)
foreach(command file IN ZIP_LISTS commands files)
  separate_arguments(argv UNIX_COMMAND "${command}")
  execute_process(COMMAND ${argv} OUTPUT_VARIABLE text RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${command} failed")
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
  message(FATAL_ERROR "${stale} differ from the option table (jobs/cli/option_table.cpp) or acgprov-sim --help: regenerate with "
                      "`cmake --build build --target cli_docs` and commit them")
endif()
