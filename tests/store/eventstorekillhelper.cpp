// A child process for tst_eventstorecrash: writes events continuously through an EventStore, as
// the console does, and reports on stdout (one line every 50 ms) how many it has handed over and
// how many are committed, until it is killed.
//   eventstorekillhelper DB_PATH [EVENTS_PER_SECOND]
#include "core/store/eventstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <cstdio>

using namespace fleetscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: eventstorekillhelper DB_PATH [EVENTS_PER_SECOND]\n");
        return 2;
    }
    const int rate = args.size() > 2 ? args.at(2).toInt() : 5000;
    const int perTick = std::max(1, rate / 100);

    EventStore store(nullptr);
    EventStoreOptions options;
    options.path = args.at(1);
    options.retention.days = 0;
    options.retention.bytes = 0;
    QObject::connect(&store, &EventStore::opened, &app, [](bool ok, const QString &detail) {
        std::printf("opened %d %s\n", ok ? 1 : 0, qPrintable(detail));
        std::fflush(stdout);
        if (!ok)
            QCoreApplication::exit(1);
    });
    store.open(options);

    qint64 seq = 0;
    QTimer producer;
    QObject::connect(&producer, &QTimer::timeout, &app, [&] {
        EventList events;
        events.reserve(perTick);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < perTick; ++i) {
            Event e;
            e.t = now;
            e.severity = Severity::Info;
            e.endpoint = QStringLiteral("kill-test");
            e.path = QStringLiteral("truck-01/temperature");
            e.summary = QStringLiteral("seq %1").arg(seq++);
            e.payload = QStringLiteral(R"([{"id":1000001,"status":"ok","result":[1700000000,21.5]}])");
            events.append(e);
        }
        store.append(events);
    });
    producer.start(10);

    QTimer reporter;
    QObject::connect(&reporter, &QTimer::timeout, &app, [&] {
        std::printf("status %lld %lld %lld\n", static_cast<long long>(QDateTime::currentMSecsSinceEpoch()),
            static_cast<long long>(store.handedOverCount()), static_cast<long long>(store.committedCount()));
        std::fflush(stdout);
    });
    reporter.start(50);
    return QCoreApplication::exec();
}
