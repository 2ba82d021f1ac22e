// The rules engine on a ManualClock: every time-based rule is checked without waiting.
#include "core/monitor/alertengine.h"
#include "tests/monitor/ruletestsupport.h"

#include <QTest>

using namespace fleetscope;

namespace {

const QString kEp = QStringLiteral("Plant A");

EndpointBatch device(const QString &path)
{
    EndpointBatch batch;
    Topic topic;
    topic.path = path;
    topic.node = NodeKind::Device;
    batch.topics << topic;
    return batch;
}

QStringList kinds(const AlertTransitionList &transitions)
{
    QStringList out;
    for (const AlertTransition &t : transitions)
        out << (t.kind == AlertTransition::Kind::Firing ? QStringLiteral("firing ") : QStringLiteral("resolved "))
                + t.alert.key.path;
    return out;
}

} // namespace

class tst_AlertEngine : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock {1700000000000};
    std::unique_ptr<AlertEngine> m_engine;

    // Moves the clock and handles what came due, as the Monitor's timer would.
    void advance(qint64 ms)
    {
        const qint64 end = m_clock.nowMs() + ms;
        while (m_engine->nextDeadline() >= 0 && m_engine->nextDeadline() <= end) {
            m_clock.setNowMs(std::max(m_clock.nowMs(), m_engine->nextDeadline()));
            m_engine->advance();
        }
        m_clock.setNowMs(end);
        m_engine->advance();
    }
    void feed(const QString &path, double value) { m_engine->applyBatch(kEp, test::sampleBatch(path, {value})); }

private Q_SLOTS:
    void init()
    {
        m_clock.setNowMs(1700000000000);
        m_engine = std::make_unique<AlertEngine>(m_clock);
        m_engine->setEndpointState(kEp, LinkState::Ready);
    }

    void hysteresisFiresOnceWhileOscillating()
    {
        m_engine->setRules(
            test::rulesFrom(R"({"name": "battery low", "path": "*/battery", "below": 20, "clear": 25})"));
        // Oscillates between under the threshold and under `clear`: one firing, no resolution.
        for (int i = 0; i < 20; ++i) {
            feed(QStringLiteral("robot-3/battery"), i % 2 ? 19.0 : 22.0);
            advance(1000);
        }
        AlertTransitionList transitions = m_engine->takeTransitions();
        QCOMPARE(kinds(transitions), QStringList({QStringLiteral("firing robot-3/battery")}));
        QCOMPARE(transitions[0].alert.value, 19.0);
        QCOMPARE(transitions[0].alert.severity, AlertSeverity::Warning);
        QCOMPARE(transitions[0].alert.key.rule, QStringLiteral("battery low"));
        QCOMPARE(transitions[0].alert.key.endpoint, kEp);
        // Past `clear` it resolves, once.
        feed(QStringLiteral("robot-3/battery"), 25.0);
        feed(QStringLiteral("robot-3/battery"), 26.0);
        transitions = m_engine->takeTransitions();
        QCOMPARE(kinds(transitions), QStringList({QStringLiteral("resolved robot-3/battery")}));
        QCOMPARE(transitions[0].alert.value, 25.0);
    }

    void oneInstancePerMatchedPath()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "battery low", "path": "*/battery", "below": 20})"));
        feed(QStringLiteral("robot-1/battery"), 10);
        feed(QStringLiteral("robot-2/battery"), 10);
        feed(QStringLiteral("robot-2/battery"), 9);
        feed(QStringLiteral("robot-2/temperature"), 10);
        QCOMPARE(kinds(m_engine->takeTransitions()),
            QStringList({QStringLiteral("firing robot-1/battery"), QStringLiteral("firing robot-2/battery")}));
        QCOMPARE(m_engine->activeAlerts().size(), 2);
        QCOMPARE(m_engine->ruleStatus().value(0).instances, 2);
    }

    void aBlipShorterThanForNeverFires()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "hot", "path": "**/temp", "above": 80, "for": "30s"})"));
        feed(QStringLiteral("a/temp"), 90);
        QCOMPARE(m_engine->activeAlerts().value(0).state, AlertState::Pending);
        advance(29000);
        feed(QStringLiteral("a/temp"), 70); // back before 30 s
        advance(60000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        QVERIFY(m_engine->activeAlerts().isEmpty());
    }

    void aConditionHeldForForFiresWithoutANewSample()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "hot", "path": "**/temp", "above": 80, "for": "30s"})"));
        feed(QStringLiteral("a/temp"), 90);
        advance(29999);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        advance(1);
        const AlertTransitionList transitions = m_engine->takeTransitions();
        QCOMPARE(kinds(transitions), QStringList({QStringLiteral("firing a/temp")}));
        QCOMPARE(transitions[0].t, m_clock.nowMs());
    }

    void outsideFiresOnEitherSide()
    {
        m_engine->setRules(
            test::rulesFrom(R"({"name": "flow", "path": "flow", "outside": [10, 20], "clear": [12, 18]})"));
        feed(QStringLiteral("flow"), 21);
        feed(QStringLiteral("flow"), 19); // inside, not past clear
        feed(QStringLiteral("flow"), 15);
        feed(QStringLiteral("flow"), 9);
        QCOMPARE(kinds(m_engine->takeTransitions()),
            QStringList(
                {QStringLiteral("firing flow"), QStringLiteral("resolved flow"), QStringLiteral("firing flow")}));
    }

    void silentForFiresAfterTheIntervalAndResolvesOnActivity()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "pump silent", "path": "pump-*", "silentFor": "2m"})"));
        m_engine->applyBatch(kEp, device(QStringLiteral("pump-1")));
        m_engine->applyBatch(kEp, device(QStringLiteral("pump-2")));
        for (int i = 0; i < 10; ++i) {
            feed(QStringLiteral("pump-1/flow"), i);
            feed(QStringLiteral("pump-2/sensors/flow"), i); // activity anywhere under the device
            advance(10000);
        }
        feed(QStringLiteral("pump-2/sensors/flow"), 1); // pump-2 speaks 10 s after pump-1 stopped
        advance(109000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        advance(1000); // pump-1: 2 min after its last sample
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("firing pump-1")}));
        advance(10000);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("firing pump-2")}));
        const DeviceInfoList devices = m_engine->devices();
        QCOMPARE(devices.size(), 2);
        QCOMPARE(devices[0].state, DeviceState::Silent);
        QVERIFY(devices[0].intervalFromRule);
        feed(QStringLiteral("pump-1/flow"), 5);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("resolved pump-1")}));
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Online);
        // And it is watched again.
        advance(120000);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("firing pump-1")}));
    }

    void aDeviceThatNeverSpeaksIsSilentToo()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "pump silent", "path": "pump-*", "silentFor": "1m"})"));
        m_engine->applyBatch(kEp, device(QStringLiteral("pump-9")));
        advance(60000);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("firing pump-9")}));
    }

    void silenceIsLearnedFromTheDevicesOwnCadence()
    {
        m_engine->setRules({});
        m_engine->applyBatch(kEp, device(QStringLiteral("robot-1")));
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Unknown);
        for (int i = 0; i < 6; ++i) {
            feed(QStringLiteral("robot-1/battery"), 80);
            advance(2000);
        }
        DeviceInfo info = m_engine->devices()[0];
        QCOMPARE(info.state, DeviceState::Online);
        QCOMPARE(info.expectedIntervalMs, qint64(6000)); // 3 × the median gap of 2 s
        QVERIFY(!info.intervalFromRule);
        QCOMPARE(info.keyValues.value(0).name, QStringLiteral("battery"));
        QCOMPARE(info.keyValues.value(0).value, 80.0);
        advance(3000); // 5 s after the last sample
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Online);
        advance(1000);
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Silent);
        feed(QStringLiteral("robot-1/battery"), 79);
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Online);
    }

    void presenceAndOfflineFor()
    {
        m_engine->setRules(test::rulesFrom(
            R"({"name": "robot offline", "path": "devices/robot-*", "offlineFor": "1m", "severity": "error"})"));
        m_engine->applyBatch(kEp, device(QStringLiteral("devices/robot-1")));
        EndpointBatch offline;
        offline.presence << PresenceReport {
            QStringLiteral("devices/robot-1"), Presence::Offline, QStringLiteral("disconnected"), 0};
        m_engine->applyBatch(kEp, offline);
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Offline);
        QCOMPARE(m_engine->activeAlerts().value(0).state, AlertState::Pending);
        advance(59000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        advance(1000);
        const AlertTransitionList fired = m_engine->takeTransitions();
        QCOMPARE(kinds(fired), QStringList({QStringLiteral("firing devices/robot-1")}));
        QCOMPARE(fired[0].alert.severity, AlertSeverity::Error);
        EndpointBatch online;
        online.presence << PresenceReport {
            QStringLiteral("devices/robot-1"), Presence::Online, QStringLiteral("connected"), 0};
        m_engine->applyBatch(kEp, online);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("resolved devices/robot-1")}));
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Online);
        // A short disconnection never fires.
        m_engine->applyBatch(kEp, offline);
        advance(30000);
        m_engine->applyBatch(kEp, online);
        advance(60000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
    }

    void endpointDownFor()
    {
        m_engine->setRules(
            test::rulesFrom(R"({"name": "endpoint down", "endpointDownFor": "5m", "severity": "critical"})"));
        m_engine->setEndpointState(kEp, LinkState::Reconnecting);
        advance(299000);
        m_engine->setEndpointState(kEp, LinkState::Connecting);
        advance(1000);
        const AlertTransitionList fired = m_engine->takeTransitions();
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].alert.key.endpoint, kEp);
        QCOMPARE(fired[0].alert.severity, AlertSeverity::Critical);
        m_engine->setEndpointState(kEp, LinkState::Ready);
        QCOMPARE(m_engine->takeTransitions().value(0).kind, AlertTransition::Kind::Resolved);
        // Closed on request is not down.
        m_engine->setEndpointState(kEp, LinkState::Closed);
        advance(600000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
    }

    void silenceIsNotJudgedWhileTheEndpointIsDown()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "quiet", "path": "pump-*", "silentFor": "1m"})"));
        m_engine->applyBatch(kEp, device(QStringLiteral("pump-1")));
        feed(QStringLiteral("pump-1/flow"), 1);
        m_engine->setEndpointState(kEp, LinkState::Reconnecting);
        QCOMPARE(m_engine->devices()[0].state, DeviceState::Unknown);
        advance(600000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        m_engine->setEndpointState(kEp, LinkState::Ready);
        advance(59000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        advance(1000); // measured from the reconnection
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("firing pump-1")}));
    }

    void eventRuleFiresAndClearsAfterQuiet()
    {
        m_engine->setRules(test::rulesFrom(
            R"({"name": "motor fault", "event": {"minSeverity": "error", "text": "FAULT"}, "clearAfter": "1m", "severity": "critical"})"));
        EndpointBatch batch;
        batch.events << Event {0, Severity::Warning, QStringLiteral("m1"), QStringLiteral("motor fault"), {}, kEp};
        batch.events << Event {0, Severity::Error, QStringLiteral("m1"), QStringLiteral("overheat"), {}, kEp};
        m_engine->applyBatch(kEp, batch);
        QVERIFY(m_engine->takeTransitions().isEmpty()); // one too mild, one without the text
        batch.events = {Event {0, Severity::Error, QStringLiteral("m1"), QStringLiteral("motor fault 7"), {}, kEp}};
        m_engine->applyBatch(kEp, batch);
        advance(30000);
        m_engine->applyBatch(kEp, batch); // again: still one alert
        const AlertTransitionList fired = m_engine->takeTransitions();
        QCOMPARE(kinds(fired), QStringList({QStringLiteral("firing m1")}));
        QCOMPARE(fired[0].alert.summary, QStringLiteral("motor fault 7"));
        advance(59000);
        QVERIFY(m_engine->takeTransitions().isEmpty());
        advance(1000);
        QCOMPARE(kinds(m_engine->takeTransitions()), QStringList({QStringLiteral("resolved m1")}));
    }

    void serverAlarmsAppearAsAlertsNamingTheirSource()
    {
        m_engine->setRules({});
        EndpointBatch batch;
        ServerAlarm alarm;
        alarm.path = QStringLiteral("truck-01/overheat");
        alarm.name = QStringLiteral("datarule overheat");
        alarm.active = true;
        alarm.value = 1;
        alarm.summary = QStringLiteral("temperature > 90");
        batch.alarms << alarm;
        m_engine->applyBatch(kEp, batch);
        AlertTransitionList transitions = m_engine->takeTransitions();
        QCOMPARE(transitions.size(), 1);
        QCOMPARE(transitions[0].alert.origin, AlertOrigin::Server);
        QCOMPARE(transitions[0].alert.key.rule, QStringLiteral("datarule overheat"));
        m_engine->applyBatch(kEp, batch); // still active: nothing new
        QVERIFY(m_engine->takeTransitions().isEmpty());
        batch.alarms[0].active = false;
        m_engine->applyBatch(kEp, batch);
        QCOMPARE(m_engine->takeTransitions().value(0).kind, AlertTransition::Kind::Resolved);
    }

    void acknowledgeAndSnooze()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "hot", "path": "temp", "above": 80})"));
        feed(QStringLiteral("temp"), 90);
        const AlertKey key {QStringLiteral("hot"), kEp, QStringLiteral("temp")};
        m_engine->takeChangedAlerts();
        QVERIFY(m_engine->acknowledge(key));
        QVERIFY(m_engine->snooze(key, m_clock.nowMs() + 3600000));
        AlertList changed = m_engine->takeChangedAlerts();
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed[0].isAcknowledged());
        QVERIFY(changed[0].isSnoozed(m_clock.nowMs()));
        AlertList keep;
        QVector<AlertKey> forget;
        m_engine->takePersistence(&keep, &forget);
        QCOMPARE(keep.size(), 1);
        QVERIFY(keep[0].isAcknowledged());
        // The snooze ends after an hour: the row changes so the panel shows it again.
        advance(3600000);
        changed = m_engine->takeChangedAlerts();
        QCOMPARE(changed.size(), 1);
        QVERIFY(!changed[0].isSnoozed(m_clock.nowMs()));
        // Resolving forgets acknowledgement and snooze.
        feed(QStringLiteral("temp"), 10);
        m_engine->takePersistence(&keep, &forget);
        QCOMPARE(forget, QVector<AlertKey>({key}));
        QVERIFY(!m_engine->acknowledge(key)); // nothing firing to acknowledge
        const EventList events = m_engine->takeEvents();
        QStringList summaries;
        for (const Event &event : events)
            summaries << event.summary.section(QLatin1Char(':'), 0, 0);
        QCOMPARE(summaries,
            QStringList({QStringLiteral("alert firing"), QStringLiteral("alert acknowledged"),
                QStringLiteral("alert snoozed"), QStringLiteral("alert resolved")}));
    }

    void restoreKeepsFiringAlertsWithTheirAcknowledgement()
    {
        const RuleSet rules = test::rulesFrom(R"({"name": "hot", "path": "temp", "above": 80, "clear": 70},
                                           {"name": "quiet", "path": "pump", "silentFor": "1m"})");
        m_engine->setRules(rules);
        feed(QStringLiteral("temp"), 90);
        const AlertKey key {QStringLiteral("hot"), kEp, QStringLiteral("temp")};
        m_engine->acknowledge(key);
        AlertList keep;
        QVector<AlertKey> forget;
        m_engine->takePersistence(&keep, &forget);
        Alert gone = keep[0];
        gone.key.rule = QStringLiteral("deleted rule");
        keep << gone;

        // A new run: the same rules, what the database kept.
        AlertEngine again(m_clock);
        again.setRules(rules);
        again.restore(keep);
        QCOMPARE(again.activeAlerts().size(), 1);
        QVERIFY(again.activeAlerts()[0].isAcknowledged());
        QCOMPARE(again.activeAlerts()[0].value, 90.0);
        const AlertTransitionList transitions = again.takeTransitions();
        QCOMPARE(transitions.size(), 1); // only the alert whose rule is gone resolves
        QCOMPARE(transitions[0].alert.key.rule, QStringLiteral("deleted rule"));
        QCOMPARE(transitions[0].kind, AlertTransition::Kind::Resolved);
        // Still firing (no new transition) until the value is past `clear`.
        again.applyBatch(kEp, test::sampleBatch(QStringLiteral("temp"), {75}));
        QVERIFY(again.takeTransitions().isEmpty());
        again.applyBatch(kEp, test::sampleBatch(QStringLiteral("temp"), {65}));
        QCOMPARE(again.takeTransitions().value(0).kind, AlertTransition::Kind::Resolved);
    }

    void newRulesKeepWhatStillFires()
    {
        m_engine->setRules(test::rulesFrom(
            R"({"name": "hot", "path": "temp", "above": 80}, {"name": "cold", "path": "temp", "below": 0})"));
        feed(QStringLiteral("temp"), 90);
        m_engine->takeTransitions();
        m_engine->setRules(test::rulesFrom(R"({"name": "hot", "path": "temp", "above": 85})"));
        QVERIFY(m_engine->takeTransitions().isEmpty());
        m_engine->setRules(test::rulesFrom(R"({"name": "cold", "path": "temp", "below": 0})"));
        QCOMPARE(m_engine->takeTransitions().value(0).kind, AlertTransition::Kind::Resolved);
    }

    void aRuleMatchingNothingSaysSo()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "typo", "path": "robto-*/battery", "below": 20},
                                        {"name": "ok", "path": "robot-*/battery", "below": 20})"));
        feed(QStringLiteral("robot-1/battery"), 50);
        const QVector<RuleStatus> status = m_engine->ruleStatus();
        QCOMPARE(status[0].instances, 0);
        QCOMPARE(status[1].instances, 1);
    }

    void endpointGlobSelectsEndpoints()
    {
        m_engine->setRules(test::rulesFrom(R"({"name": "hot", "endpoint": "HQ*", "path": "temp", "above": 80})"));
        feed(QStringLiteral("temp"), 90);
        m_engine->applyBatch(QStringLiteral("HQ east"), test::sampleBatch(QStringLiteral("temp"), {90}));
        const AlertTransitionList transitions = m_engine->takeTransitions();
        QCOMPARE(transitions.size(), 1);
        QCOMPARE(transitions[0].alert.key.endpoint, QStringLiteral("HQ east"));
    }

    void idleDevicesFileNoDeadlines()
    {
        // Devices without a learned or ruled interval are never woken up for.
        m_engine->setRules({});
        for (int i = 0; i < 100; ++i)
            m_engine->applyBatch(kEp, device(QStringLiteral("d%1").arg(i)));
        QCOMPARE(m_engine->pendingDeadlines(), std::size_t(0));
        QCOMPARE(m_engine->nextDeadline(), qint64(-1));
    }
};

QTEST_GUILESS_MAIN(tst_AlertEngine)
#include "tst_alertengine.moc"
