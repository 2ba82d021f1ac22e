# One INTERFACE target carries the warnings and the strict Qt defines to every Fleetscope target
# (qBittorrent's habit). Generated protobuf code does not link it, so its warnings stay out.
# QT_NO_CONTEXTLESS_CONNECT does nothing on Qt 6.4 (Debian 12): Qt honours it from 6.7 on, where it
# removes connect(sender, signal, functor). It stays so that a newer Qt enforces at compile time what
# scripts/check-connect-context.pl (run by scripts/test.sh) enforces here.
add_library(fleetscope_options INTERFACE)
add_library(Fleetscope::options ALIAS fleetscope_options)

target_compile_definitions(fleetscope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)
target_compile_options(fleetscope_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough
    $<$<BOOL:${FLEETSCOPE_WERROR}>:-Werror>
)
target_include_directories(fleetscope_options INTERFACE
    ${PROJECT_SOURCE_DIR}
    ${PROJECT_BINARY_DIR}/generated
)
