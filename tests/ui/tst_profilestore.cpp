#include "core/endpoint/endpoint.h"
#include "core/endpoint/protocolregistry.h"
#include "ui/configlocation.h"
#include "ui/memorysecretstore.h"
#include "ui/profilestore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fleetscope;
using namespace fleetscope::ui;

// Saved connections come back as they were, and no secret ever reaches the file.
class tst_ProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerBuiltinProtocols(m_protocols);
        // A protocol whose second secret travels as an option: it must be stripped too.
        ProtocolInfo info;
        info.id = QStringLiteral("fake");
        info.displayName = QStringLiteral("Fake");
        info.fields = {{QStringLiteral("token"), QStringLiteral("Token"), ProtocolField::Kind::Secret, false, {}, {}},
            {QStringLiteral("site"), QStringLiteral("Site"), ProtocolField::Kind::Text, false, {}, {}}};
        info.create = [](const EndpointConfig &) { return std::unique_ptr<Endpoint>(); };
        m_protocols.add(info);
    }

    void roundTripWithoutSecrets()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path(), m_protocols);
        QString error;
        QVERIFY(store.load(&error).isEmpty());
        QVERIFY(error.isEmpty());

        Profile profile;
        profile.config.name = QStringLiteral("Plant");
        profile.config.protocol = QStringLiteral("fake");
        profile.config.url = QUrl(QStringLiteral("wss://plant.example/ws"));
        profile.config.secret = QStringLiteral("SECRET-ONE");
        profile.config.options = {
            {QStringLiteral("token"), QStringLiteral("SECRET-TWO")}, {QStringLiteral("site"), QStringLiteral("north")}};
        profile.config.link.insecure = true;
        profile.config.link.pinnedCertificates = {QStringLiteral("A7:A2:AD:A4:13:63:2F:BE")};
        profile.config.link.maxBackoffMs = 12000;
        profile.connectOnStart = false;
        profile.subscriptions = {QStringLiteral("a/b"), QStringLiteral("c")};
        QVERIFY(store.save({profile}, &error));

        QFile file(store.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains("SECRET-ONE"));
        QVERIFY(!text.contains("SECRET-TWO"));

        const QVector<Profile> loaded = store.load(&error);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().config.name, profile.config.name);
        QCOMPARE(loaded.first().config.url, profile.config.url);
        QVERIFY(loaded.first().config.secret.isEmpty());
        QCOMPARE(loaded.first().config.options, (QVariantMap {{QStringLiteral("site"), QStringLiteral("north")}}));
        QCOMPARE(loaded.first().config.link.insecure, true);
        QCOMPARE(loaded.first().config.link.pinnedCertificates, profile.config.link.pinnedCertificates);
        QCOMPARE(loaded.first().config.link.maxBackoffMs, 12000);
        QCOMPARE(loaded.first().connectOnStart, false);
        QCOMPARE(loaded.first().subscriptions, profile.subscriptions);
    }

    void brokenFileSaysWhy()
    {
        QTemporaryDir dir;
        ProfileStore store(dir.path(), m_protocols);
        QFile file(store.fileName());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        QString error;
        QVERIFY(store.load(&error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void configDirectoryHonoursTheEnvironment()
    {
        qputenv("FLEETSCOPE_CONFIG_DIR", "/tmp/fleetscope-test-config");
        QCOMPARE(configDirectory(), QStringLiteral("/tmp/fleetscope-test-config"));
        qunsetenv("FLEETSCOPE_CONFIG_DIR");
        QVERIFY(!configDirectory().isEmpty());
    }

    void memorySecretsAnswerLater()
    {
        MemorySecretStore secrets;
        QVERIFY(!secrets.isPersistent());
        secrets.write(QStringLiteral("k"), QStringLiteral("v"));
        QString got;
        bool called = false;
        secrets.read(QStringLiteral("k"), this, [&](const QString &secret, const QString &) {
            got = secret;
            called = true;
        });
        QVERIFY(!called); // asynchronous, like a keychain
        QTRY_VERIFY(called);
        QCOMPARE(got, QStringLiteral("v"));
        secrets.remove(QStringLiteral("k"));
        QString error;
        called = false;
        secrets.read(QStringLiteral("k"), this, [&](const QString &secret, const QString &why) {
            got = secret;
            error = why;
            called = true;
        });
        QTRY_VERIFY(called);
        QVERIFY(got.isEmpty());
        QVERIFY(!error.isEmpty());
    }

private:
    ProtocolRegistry m_protocols;
};

QTEST_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
