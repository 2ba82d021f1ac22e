#include "core/endpoint/protocolregistry.h"
#include "core/workspace/templatelibrary.h"

#include <QTest>

using namespace fleetscope;

// Every protocol in the registry brings composer templates that load; broken files say why.
class tst_TemplateLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerBuiltinProtocols(m_protocols); }

    void everyProtocolHasTemplates_data()
    {
        QTest::addColumn<QString>("protocol");
        for (const QString &protocol : m_protocols.ids())
            QTest::newRow(qPrintable(protocol)) << protocol;
    }

    void everyProtocolHasTemplates()
    {
        QFETCH(QString, protocol);
        TemplateLibrary library(m_protocols);
        const TemplateSet &set = library.templates(protocol);
        QVERIFY2(set.error.isEmpty(), qPrintable(set.error));
        QCOMPARE(set.protocol, protocol);
        QVERIFY(!set.about.isEmpty());
        QVERIFY(!set.templates.isEmpty());
        for (const CommandTemplate &item : set.templates) {
            QVERIFY(!item.name.isEmpty());
            // A REST GET has no body: then the target says everything.
            QVERIFY2(!item.payload.isEmpty() || !item.target.isEmpty(), qPrintable(item.name));
        }
        // Cached: the same object comes back.
        QCOMPARE(&library.templates(protocol), &set);
    }

    void parsesFields()
    {
        const TemplateSet set = TemplateLibrary::parse(R"({"protocol":"p","about":"a","templates":[
            {"name":"One","target":"${path}","payload":"{}"},
            {"name":"Two","target":"*","payload":"1","confirm":true,"writes":true},
            {"target":"nameless is skipped","payload":"2"}]})");
        QVERIFY(set.error.isEmpty());
        QCOMPARE(set.templates.size(), 2);
        QCOMPARE(set.templates.at(0).target, QStringLiteral("${path}"));
        QCOMPARE(set.templates.at(0).confirm, false);
        QCOMPARE(set.templates.at(1).confirm, true);
        QCOMPARE(set.templates.at(0).writes, false);
        QCOMPARE(set.templates.at(1).writes, true);
    }

    void brokenFilesSayWhy()
    {
        QVERIFY(!TemplateLibrary::parse("[1,").error.isEmpty());
        QVERIFY(TemplateLibrary::load(QStringLiteral(":/templates/none.json"))
                    .error.contains(QLatin1String("cannot read")));
        TemplateLibrary library(m_protocols);
        QVERIFY(library.templates(QStringLiteral("no-such-protocol")).error.contains(QLatin1String("unknown")));
    }

private:
    ProtocolRegistry m_protocols;
};

QTEST_GUILESS_MAIN(tst_TemplateLibrary)
#include "tst_templatelibrary.moc"
