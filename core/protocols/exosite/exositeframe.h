#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVector>

namespace fleetscope::exosite {

// One element of a reply array (or a defensive unwrapped object): a call's response or a
// subscription update, told apart by its id.
struct Response
{
    QString idKey; // the id's JSON text ("1", "\"w-7\""): ids may be numbers or strings
    QJsonValue id;
    bool ok = false;
    QString status; // "ok", a bare status word, or "partial" when status was an array
    QJsonArray statusPoints; // recordbatch: [[ts,"invalid"],...]
    bool hasResult = false;
    QJsonValue result;
    QJsonObject error; // {"code","message","context"} when present
    QJsonObject raw;

    // "<status> [<error.message>]", e.g. "restricted" or "fail Error (501 arguments)".
    QString failureText() const;
};

// A text frame from the server, classified without any session context.
struct Frame
{
    enum class Kind {
        Status, // a top-level {"status":..} without id: the auth ack (ok) or auth refusal
        RequestError, // a top-level {"error":{code,message,context}}: the whole request failed
        Responses, // an array of responses/updates (or one unwrapped response object)
        Malformed, // not JSON, or JSON of an unexpected shape
    };
    Kind kind = Kind::Malformed;
    QString status;
    int errorCode = 0;
    QString errorMessage;
    QString errorContext;
    QVector<Response> responses;
    QString problem; // for Malformed: why
};

Frame decodeFrame(const QString &text);

// Renders a JSON id as the key used for pairing (numbers without a fraction as integers), so
// that 7 and 7.0 pair and "7" does not.
QString idKey(const QJsonValue &id);

// A data point [ts, value] with ts converted to ms since the epoch.
struct Point
{
    qint64 tMs = 0;
    QJsonValue value;
};

// Reads a subscription update or read result: a flat pair [ts,v], a list of pairs [[ts,v],...],
// or an empty list. Returns false when `result` is neither (points may still hold the good ones).
bool decodePoints(const QJsonValue &result, QVector<Point> *points);
// Wire timestamps are seconds; a value above 10^11 is taken as milliseconds already
// (util/epochtime.h). Timestamps beyond kMaxEpochMs (in either unit) are not times:
// decodePoints refuses them and timestampToMs gives 0.
qint64 timestampToMs(double ts);

} // namespace fleetscope::exosite
