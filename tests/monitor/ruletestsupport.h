#pragma once

// Small helpers shared by the monitoring tests.

#include "core/endpoint/endpointbatch.h"
#include "core/monitor/rulesfile.h"

#include <QtGlobal>

namespace fleetscope::test {

// The rules of a test, written as the rules file's array items (qFatal on a mistake: the test's own).
inline RuleSet rulesFrom(const QByteArray &rules)
{
    RuleSet out;
    RuleError error;
    if (!RulesFile::parse("{\"version\": 1, \"rules\": [" + rules + "]}", &out, &error))
        qFatal("bad test rules: %s", qPrintable(error.message()));
    return out;
}

// A batch of one sample per value, all at `path`.
inline EndpointBatch sampleBatch(const QString &path, std::initializer_list<double> values)
{
    EndpointBatch batch;
    for (const double value : values)
        batch.samples.append(Sample {path, 0, value});
    return batch;
}

} // namespace fleetscope::test
