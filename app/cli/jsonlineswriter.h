#pragma once

#include "core/endpoint/endpointbatch.h"
#include "core/link/linkstate.h"
#include "core/model/command.h"
#include "core/monitor/alert.h"

#include <QJsonObject>

#include <cstdio>

namespace fleetscope::cli {

// Writes fleetscope-cli's stdout: one JSON object per line, each with "kind" (state, topic,
// sample, event, reply, alert), flushed after every batch so a pipe sees lines as they arrive.
class JsonLinesWriter
{
public:
    explicit JsonLinesWriter(FILE *out = stdout);

    void state(LinkState state, const QString &detail);
    void topic(const Topic &topic);
    void sample(const Sample &sample);
    // `withEndpoint`: add the event's endpoint ("endpoint" key), as `log` does.
    void event(const Event &event, bool withEndpoint = false);
    void object(const QJsonObject &object);
    void reply(const CommandReply &reply);
    // {"kind":"alert","t":…,"rule":…,"endpoint":…,"path":…,"state":"firing|resolved","severity":…,
    // "value":… (where the rule has one),"summary":…,"source":"rule|server"}
    void alert(const AlertTransition &transition);
    void flush();

private:
    void write(const QByteArray &line);
    FILE *m_out;
};

} // namespace fleetscope::cli
