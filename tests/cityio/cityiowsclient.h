#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>
#include <QWebSocket>

namespace fleetscope::test {

// A bare WebSocket peer of the CityIO simulator (a UI, a module or a core module written by hand):
// sends envelopes, keeps every envelope it receives.
class CityioPeer : public QObject
{
public:
    explicit CityioPeer(const QUrl &url)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            frames << text;
            messages << QJsonDocument::fromJson(text.toUtf8()).object();
        });
        socket.open(url);
    }
    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    void send(const QString &type, const QJsonValue &content)
    {
        socket.sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject {{QStringLiteral("type"), type}, {QStringLiteral("content"), content}})
                .toJson(QJsonDocument::Compact)));
    }
    int count(const QString &type) const
    {
        int n = 0;
        for (const QJsonObject &message : messages)
            n += message.value(QLatin1String("type")).toString() == type ? 1 : 0;
        return n;
    }
    QJsonObject last(const QString &type) const
    {
        for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
            if (it->value(QLatin1String("type")).toString() == type)
                return *it;
        }
        return QJsonObject();
    }
    QString firstType() const
    {
        return messages.isEmpty() ? QString() : messages.first().value(QLatin1String("type")).toString();
    }

    QWebSocket socket;
    QStringList frames;
    QVector<QJsonObject> messages;
};

} // namespace fleetscope::test
