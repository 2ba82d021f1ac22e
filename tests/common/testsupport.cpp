#include "tests/common/testsupport.h"

#include "sim/common/simulatorregistry.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

namespace fleetscope::test {

std::unique_ptr<sim::Simulator> startSimulator(const QString &protocol, const QVariantMap &options)
{
    sim::SimulatorRegistry registry;
    sim::registerBuiltinSimulators(registry);
    auto simulator = registry.create(protocol, options);
    if (!simulator)
        return nullptr;
    QString error;
    if (!simulator->listen(QHostAddress::LocalHost, 0, &error)) {
        qWarning("simulator %s cannot listen: %s", qPrintable(protocol), qPrintable(error));
        return nullptr;
    }
    return simulator;
}

QString cliPath()
{
    return QStringLiteral(FLEETSCOPE_CLI_PATH);
}

QString testDataPath(const QString &name)
{
    return QDir(QStringLiteral(FLEETSCOPE_TEST_DATA_DIR)).filePath(name);
}

QSslConfiguration selfSignedServerTls(const QString &name)
{
    QFile certFile(testDataPath(name + QStringLiteral(".crt")));
    QFile keyFile(testDataPath(name + QStringLiteral(".key")));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        qFatal("test certificate missing");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

CliRun::CliRun(const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &stdinData)
    : m_arguments(arguments)
    , m_environment(environment)
    , m_stdin(stdinData)
{ }

bool CliRun::run(int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(cliPath(), m_arguments);
    if (!process.waitForStarted(10000))
        return false;
    if (!m_stdin.isEmpty())
        process.write(m_stdin);
    process.closeWriteChannel();
    // waitForFinished runs no event loop of ours; the simulator in this process must keep
    // serving, so wait on the finished() signal in a local event loop instead.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(2000);
        return false;
    }
    m_exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_stderr = QString::fromUtf8(process.readAllStandardError());
    m_stdout = process.readAllStandardOutput();
    for (const QByteArray &line : m_stdout.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject() || !doc.object().contains(QLatin1String("kind"))) {
            m_allJson = false;
            continue;
        }
        m_lines.append(doc.object());
    }
    return true;
}

QVector<QJsonObject> CliRun::linesOfKind(const QString &kind) const
{
    QVector<QJsonObject> out;
    for (const QJsonObject &line : m_lines) {
        if (line.value(QLatin1String("kind")).toString() == kind)
            out.append(line);
    }
    return out;
}

} // namespace fleetscope::test
