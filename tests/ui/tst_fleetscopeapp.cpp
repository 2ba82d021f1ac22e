#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The installed program as a user runs it: --version, and a demo screenshot offscreen.
class tst_FleetscopeApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Over SSH or in a package check there is no display: --version must not need one.
    void version()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(FLEETSCOPE_APP_PATH), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("Fleetscope "));
    }

    void demoScreenshot()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("FLEETSCOPE_CONFIG_DIR"), dir.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(FLEETSCOPE_APP_PATH),
            {QStringLiteral("--demo"), QStringLiteral("--screenshot"), png, QStringLiteral("--after"),
                QStringLiteral("1")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000 && image.height() >= 600);
        // Demo mode saves nothing.
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("config/profiles.json"))));
    }
};

QTEST_GUILESS_MAIN(tst_FleetscopeApp)
#include "tst_fleetscopeapp.moc"
