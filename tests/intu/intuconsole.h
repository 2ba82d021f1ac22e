#pragma once

#include "sim/common/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QWebSocket>

#include <functional>

namespace fleetscope::test {

// A raw Intu console for simulator tests: a QWebSocket that keeps every frame the simulator
// writes, and builds protocol messages. Lives in the test's thread.
class IntuConsole : public QObject
{
public:
    explicit IntuConsole(const QString &selfId)
        : id(selfId)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            texts << text;
            frames << QJsonDocument::fromJson(text.toUtf8()).object();
        });
        QObject::connect(
            &socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) { binaries << frame; });
    }
    bool open(sim::Simulator *simulator, const QString &query = QString())
    {
        const QString q = query.isNull() ? QStringLiteral("selfId=%1&token=").arg(id) : query;
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/stream?%2").arg(simulator->port()).arg(q)));
        return QTest::qWaitFor(
                   [this] { return !frames.isEmpty() || socket.state() == QAbstractSocket::UnconnectedState; }, 5000)
            && !frames.isEmpty();
    }
    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 5000)
    {
        QJsonObject found;
        const bool matched = QTest::qWaitFor(
            [&] {
                for (const QJsonObject &frame : std::as_const(frames)) {
                    if (match(frame)) {
                        found = frame;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return matched ? found : QJsonObject();
    }
    QJsonObject waitForMsg(const QString &msg, const QString &topic = QString())
    {
        return waitFor([&](const QJsonObject &f) {
            return f.value(QLatin1String("msg")).toString() == msg
                && (topic.isNull() || f.value(QLatin1String("topic")).toString() == topic);
        });
    }
    QString origin() const { return id + QStringLiteral("/."); }

    QString id;
    QWebSocket socket;
    QStringList texts;
    QVector<QJsonObject> frames;
    QVector<QByteArray> binaries;
};

// {"msg":kind,"targets":[..],"origin":origin}
inline QJsonObject intuMessage(const QString &kind, const QStringList &targets, const QString &origin)
{
    return {{QStringLiteral("msg"), kind}, {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
        {QStringLiteral("origin"), origin}};
}

} // namespace fleetscope::test
