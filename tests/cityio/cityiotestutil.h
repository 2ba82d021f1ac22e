#pragma once

#include "core/endpoint/endpoint.h"
#include "tests/common/endpointrecorder.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fleetscope::test {

// What an endpoint reports, for assertions (the suites' one collector).
using Collector = EndpointRecorder;

inline QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace fleetscope::test
