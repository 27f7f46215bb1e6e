# Fails when a header under core/, ui/ or app/ does not declare its classes in the namespace named after its folder,
# as core/ does (core/store: Store::): ui/admin is Admin::, ui/phone is Phone:: (the same module as
# core/phone, one layer up), ui/engine is Engine::, files directly in ui/ are Ui::, app/ is App::.
set(offenders "")
file(GLOB_RECURSE headers RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/app/*.h"
     "${SOURCE_DIR}/core/*.h")
foreach(header IN LISTS headers)
    get_filename_component(folder "${header}" DIRECTORY)
    get_filename_component(module "${folder}" NAME)
    if(header STREQUAL "core/common/Result.h")
        continue() # Result and Failure: the vocabulary of every module, in no namespace
    endif()
    # Only headers that define a class: a logging category's header declares a function Qt's macro names.
    file(STRINGS "${SOURCE_DIR}/${header}" classes REGEX "^(class|struct) [A-Za-z]+( final)?( :.*)?$")
    if(NOT classes)
        continue()
    endif()
    string(SUBSTRING "${module}" 0 1 first)
    string(SUBSTRING "${module}" 1 -1 rest)
    string(TOUPPER "${first}" first)
    set(namespace "${first}${rest}")
    file(STRINGS "${SOURCE_DIR}/${header}" opened REGEX "^namespace ${namespace}(::[A-Za-z]+)? {")
    if(NOT opened)
        list(APPEND offenders "${header} (namespace ${namespace})")
    endif()
endforeach()
if(offenders)
    list(JOIN offenders "\n" listed)
    message(FATAL_ERROR "headers outside their folder's namespace:\n${listed}")
endif()
list(LENGTH headers count)
message(STATUS "namespaces follow folders: ${count} headers")
