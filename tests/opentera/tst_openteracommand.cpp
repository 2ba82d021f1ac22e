// Composer commands as REST calls, and the shipped composer templates.
#include "core/protocols/opentera/openteracommand.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::opentera;

namespace {

QString resolve(const QString &path)
{
    if (path == QLatin1String("devices/Robot-01"))
        return QStringLiteral("d1a0-07");
    if (path == QLatin1String("sessions/9c4e"))
        return QStringLiteral("9c4e-aa");
    return QString();
}

} // namespace

class tst_OpenTeraCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void shippedTemplatesParse();
};

void tst_OpenTeraCommand::parse_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("error");

    QTest::newRow("GET") << QStringLiteral("GET /api/user/devices/online") << QString() << true << QStringLiteral("GET")
                         << QStringLiteral("/api/user/devices/online") << QString() << QString();
    QTest::newRow("lower-case method, spaces")
        << QStringLiteral("  get   /api/user/users/online ") << QString() << true << QStringLiteral("GET")
        << QStringLiteral("/api/user/users/online") << QString() << QString();
    QTest::newRow("uuid placeholder") << QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid:devices/Robot-01}")
                                      << QString() << true << QStringLiteral("GET")
                                      << QStringLiteral("/api/user/disconnect?device_uuid=d1a0-07")
                                      << QStringLiteral("devices/Robot-01") << QString();
    QTest::newRow("POST with body placeholders")
        << QStringLiteral("POST /api/user/sessions/manager")
        << QStringLiteral(R"({"session_manage":{"action":"stop","session_uuid":"${uuid:sessions/9c4e}"}})") << true
        << QStringLiteral("POST") << QStringLiteral("/api/user/sessions/manager") << QStringLiteral("sessions/9c4e")
        << QString();
    QTest::newRow("bare path GET") << QStringLiteral("/api/user/logout") << QString() << true << QStringLiteral("GET")
                                   << QStringLiteral("/api/user/logout") << QString() << QString();
    QTest::newRow("bare path with body is POST")
        << QStringLiteral("/api/user/sessions/manager") << QStringLiteral("{}") << true << QStringLiteral("POST")
        << QStringLiteral("/api/user/sessions/manager") << QString() << QString();
    QTest::newRow("topic path is no target") << QStringLiteral("devices/Robot-01") << QString() << false << QString()
                                             << QString() << QString() << QStringLiteral("METHOD /path");
    QTest::newRow("unknown method") << QStringLiteral("FETCH /api/user/logout") << QString() << false << QString()
                                    << QString() << QString() << QStringLiteral("METHOD /path");
    QTest::newRow("bad JSON") << QStringLiteral("POST /api/user/sessions/manager") << QStringLiteral("{\"a\":") << false
                              << QString() << QString() << QString() << QStringLiteral("not valid JSON");
    QTest::newRow("GET with a body") << QStringLiteral("GET /api/user/logout") << QStringLiteral("{}") << false
                                     << QString() << QString() << QString() << QStringLiteral("GET takes no payload");
    QTest::newRow("bare ${uuid}") << QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid}") << QString()
                                  << false << QString() << QString() << QString() << QStringLiteral("${uuid:devices/");
    QTest::newRow("unknown entity") << QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid:devices/Nope}")
                                    << QString() << false << QString() << QString() << QString()
                                    << QStringLiteral("no user, participant, device or session at \"devices/Nope\"");
    QTest::newRow("unfilled ${path}") << QStringLiteral("GET /api/user/disconnect?device_uuid=${uuid:${path}}")
                                      << QString() << false << QString() << QString() << QString()
                                      << QStringLiteral("select the entity");
    QTest::newRow("other placeholder") << QStringLiteral("POST /api/user/sessions/manager")
                                       << QStringLiteral(R"({"id":${value}})") << false << QString() << QString()
                                       << QString() << QStringLiteral("replace ${value}");
}

void tst_OpenTeraCommand::parse()
{
    QFETCH(QString, target);
    QFETCH(QString, payload);
    QFETCH(bool, ok);
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, entity);
    QFETCH(QString, error);
    RestCommand call;
    QString problem;
    QCOMPARE(parseCommand(Command {target, payload, 1}, &resolve, &call, &problem), ok);
    if (!ok) {
        QVERIFY2(problem.contains(error), qPrintable(problem));
        return;
    }
    QCOMPARE(QString::fromLatin1(call.method), method);
    QCOMPARE(call.pathAndQuery, path);
    QCOMPARE(call.entityPath, entity);
    if (!payload.isEmpty())
        QVERIFY(QJsonDocument::fromJson(call.body).isObject());
}

void tst_OpenTeraCommand::shippedTemplatesParse()
{
    QFile file(QStringLiteral(":/templates/opentera.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(root.value(QLatin1String("protocol")).toString(), QStringLiteral("opentera"));
    const QJsonArray templates = root.value(QLatin1String("templates")).toArray();
    QVERIFY(templates.size() >= 10);
    for (const QJsonValue &value : templates) {
        const QJsonObject t = value.toObject();
        const QString name = t.value(QLatin1String("name")).toString();
        // The composer fills ${path} with the selected topic; "<session>" is for the user to pick.
        auto fill = [](QString text) {
            return text.replace(QLatin1String("${path}"), QLatin1String("devices/Robot-01"))
                .replace(QLatin1String("sessions/<session>"), QLatin1String("sessions/9c4e"));
        };
        RestCommand call;
        QString problem;
        QVERIFY2(parseCommand(Command {fill(t.value(QLatin1String("target")).toString()),
                                  fill(t.value(QLatin1String("payload")).toString()), 1},
                     &resolve, &call, &problem),
            qPrintable(name + QStringLiteral(": ") + problem));
        QVERIFY2(call.pathAndQuery.startsWith(QLatin1String("/api/user/")), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(tst_OpenTeraCommand)
#include "tst_openteracommand.moc"
