#include "core/protocols/exosite/exositeframe.h"

#include "core/util/epochtime.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace fleetscope::exosite {

QString idKey(const QJsonValue &id)
{
    if (id.isString())
        return QLatin1Char('"') + id.toString() + QLatin1Char('"');
    if (id.isDouble()) {
        const double d = id.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    return QString();
}

namespace {

Response decodeResponse(const QJsonObject &object)
{
    Response r;
    r.raw = object;
    r.id = object.value(QLatin1String("id"));
    r.idKey = idKey(r.id);
    const QJsonValue status = object.value(QLatin1String("status"));
    if (status.isString()) {
        r.status = status.toString();
        r.ok = r.status == QLatin1String("ok");
    } else if (status.isArray()) {
        r.statusPoints = status.toArray();
        r.status = QStringLiteral("partial");
        r.ok = false;
    } else {
        r.status = QStringLiteral("missing status");
    }
    r.hasResult = object.contains(QLatin1String("result"));
    r.result = object.value(QLatin1String("result"));
    r.error = object.value(QLatin1String("error")).toObject();
    return r;
}

} // namespace

QString Response::failureText() const
{
    QString text = status;
    if (!statusPoints.isEmpty())
        text += QStringLiteral(" (%1 points refused)").arg(statusPoints.size());
    if (!error.isEmpty()) {
        const QString message = error.value(QLatin1String("message")).toString();
        const QString context = error.value(QLatin1String("context")).toString();
        const int code = error.value(QLatin1String("code")).toInt();
        QString detail = message;
        if (code || !context.isEmpty())
            detail += QStringLiteral(" (%1%2%3)")
                          .arg(code ? QString::number(code) : QString(),
                              code && !context.isEmpty() ? QStringLiteral(" ") : QString(), context);
        text += QLatin1Char(' ') + detail.trimmed();
    } else if (result.isString() && !ok) {
        text += QLatin1Char(' ') + result.toString();
    }
    return text;
}

Frame decodeFrame(const QString &text)
{
    Frame frame;
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        frame.problem = QStringLiteral("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return frame;
    }
    if (doc.isArray()) {
        frame.kind = Frame::Kind::Responses;
        const QJsonArray array = doc.array();
        for (const QJsonValue &element : array) {
            if (!element.isObject()) {
                frame.kind = Frame::Kind::Malformed;
                frame.problem = QStringLiteral("reply array holds a non-object element");
                frame.responses.clear();
                return frame;
            }
            frame.responses.append(decodeResponse(element.toObject()));
        }
        return frame;
    }
    const QJsonObject object = doc.object();
    if (object.contains(QLatin1String("error")) && !object.contains(QLatin1String("id"))) {
        const QJsonObject err = object.value(QLatin1String("error")).toObject();
        frame.kind = Frame::Kind::RequestError;
        frame.errorCode = err.value(QLatin1String("code")).toInt();
        frame.errorMessage = err.value(QLatin1String("message")).toString();
        frame.errorContext = err.value(QLatin1String("context")).toString();
        return frame;
    }
    if (object.contains(QLatin1String("id"))) {
        frame.kind = Frame::Kind::Responses;
        frame.responses.append(decodeResponse(object));
        return frame;
    }
    if (object.value(QLatin1String("status")).isString()) {
        frame.kind = Frame::Kind::Status;
        frame.status = object.value(QLatin1String("status")).toString();
        return frame;
    }
    frame.problem = QStringLiteral("JSON object is neither a status, an error nor a response");
    return frame;
}

qint64 timestampToMs(double ts)
{
    // Out of range (found by fuzzing: a 65-digit timestamp) is 0, never an undefined conversion.
    return epochToMs(ts).value_or(0);
}

bool decodePoints(const QJsonValue &result, QVector<Point> *points)
{
    if (!result.isArray())
        return false;
    const QJsonArray array = result.toArray();
    if (array.isEmpty())
        return true;
    auto readPair = [points](const QJsonArray &pair) {
        if (pair.size() < 2 || !pair.at(0).isDouble() || !std::isfinite(pair.at(0).toDouble())
            || std::fabs(pair.at(0).toDouble()) > kMaxEpochMs)
            return false;
        points->append(Point {timestampToMs(pair.at(0).toDouble()), pair.at(1)});
        return true;
    };
    if (!array.at(0).isArray())
        return readPair(array); // the flat pair the real server sends for updates
    bool allGood = true;
    for (const QJsonValue &element : array)
        allGood = element.isArray() && readPair(element.toArray()) && allGood;
    return allGood;
}

} // namespace fleetscope::exosite
