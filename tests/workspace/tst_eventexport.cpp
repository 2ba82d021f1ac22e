#include "core/model/eventlogmodel.h"
#include "core/workspace/eventexport.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace fleetscope;

// Log export writes what the log shows (filter applied), quoted so that spreadsheets and jq read
// it back.
class tst_EventExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<EventLogModel>();
        Event a;
        a.t = 1732134567123;
        a.severity = Severity::Info;
        a.endpoint = QStringLiteral("HQ");
        a.path = QStringLiteral("truck-01/status");
        a.summary = QStringLiteral("status = \"ok\", moving");
        a.payload = QStringLiteral("{\"a\":1}\nsecond line");
        Event b = a;
        b.severity = Severity::Error;
        b.summary = QStringLiteral("boom");
        m_model->append({a, b});
    }

    void csvQuotesAndFilters()
    {
        m_model->setFilter(EventFilter {1 << static_cast<int>(Severity::Info), QString(), QString()});
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(EventExport::writeCsv(*m_model, &buffer, &error));
        const QString text = QString::fromUtf8(buffer.data());
        QVERIFY(text.startsWith(QLatin1String("time_ms,time,endpoint,severity,path,summary,payload\n")));
        QVERIFY(text.contains(QLatin1String("1732134567123,")));
        QVERIFY(text.contains(QLatin1String("\"status = \"\"ok\"\", moving\"")));
        QVERIFY(text.contains(QLatin1String("\"{\"\"a\"\":1}\nsecond line\"")));
        QVERIFY(!text.contains(QLatin1String("boom")));
    }

    void jsonLinesRoundTrip()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(EventExport::writeJsonLines(*m_model, &buffer, &error));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QLatin1String("kind")).toString(), QStringLiteral("event"));
        QCOMPARE(first.value(QLatin1String("t")).toInteger(), 1732134567123);
        QCOMPARE(first.value(QLatin1String("payload")).toString(), QStringLiteral("{\"a\":1}\nsecond line"));
        QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QLatin1String("severity")).toString(),
            QStringLiteral("error"));
    }

private:
    std::unique_ptr<EventLogModel> m_model;
};

QTEST_GUILESS_MAIN(tst_EventExport)
#include "tst_eventexport.moc"
