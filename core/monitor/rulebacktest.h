#pragma once

#include "core/model/sample.h"
#include "core/monitor/alert.h"
#include "core/monitor/alertrule.h"

namespace fleetscope {

// What a rule would have done over series already in memory: the rule editor's "test against the
// last hour". The rule runs in its own AlertEngine on a ManualClock stepped to each sample's time,
// so `for`, hysteresis and silentFor behave exactly as they do live.
struct BacktestResult
{
    int firings = 0;
    int resolutions = 0;
    qint64 firingMs = 0; // total time spent firing, over every path
    int pathsMatched = 0; // paths the rule's glob matched (0: it matches none of the series)
    AlertTransitionList transitions; // in time order
};

// Runs `rule` as if `endpoint` had delivered `samples` (any order, any paths) between `fromMs` and
// `toMs`. Pure function; any thread (the editor runs it off the GUI thread for long series).
BacktestResult backtestRule(
    const AlertRule &rule, const QString &endpoint, SampleList samples, qint64 fromMs, qint64 toMs);

} // namespace fleetscope
