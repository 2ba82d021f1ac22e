// The libFuzzer entry points for one target, chosen at compile time (FLEETSCOPE_FUZZ_TARGET).
#include "fuzz/targets/fuzztarget.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace {
int s_argc = 1;
char s_name[] = "fleetscope-fuzz";
char *s_argv[] = {s_name, nullptr};
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Endpoints use timers: they need an application object (kept for the whole run).
    static QCoreApplication app(s_argc, s_argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*.warning=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fleetscope::fuzz::FLEETSCOPE_FUZZ_TARGET(data, size);
}
