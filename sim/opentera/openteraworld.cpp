#include "sim/opentera/openteraworld.h"

#include "opentera/archiveevent.pb.h"
#include "opentera/deviceevent.pb.h"
#include "opentera/participantevent.pb.h"
#include "opentera/userevent.pb.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace fleetscope::sim::opentera {

namespace pb = ::opentera::protobuf;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

double nowSeconds()
{
    return static_cast<double>(nowMs()) / 1000.0;
}

double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}

std::string s(const QString &text)
{
    return text.toStdString();
}

} // namespace

OpenTeraWorld::OpenTeraWorld(const OpenTeraAccounts *accounts, const QVariantMap &options, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_random(options.value(QStringLiteral("seed"), 20241120).toUInt())
    , m_generator(options.value(QStringLiteral("generator"), true).toBool())
    , m_book(
          accounts, [this](const OutEvent &event) { emitOut(event); },
          [this](const QStringList &participants, const QStringList &users, const QStringList &devices, bool busy) {
              setBusy(participants, users, devices, busy);
          })
    , m_incidents(options)
{
    const bool reference = options.value(QStringLiteral("cadence")).toString() == QLatin1String("reference");
    m_statusMs = options.value(QStringLiteral("statusMs"), reference ? 5000 : 1000).toInt();
    m_statusSpread = reference ? 3.0 : 1.5;
    m_presenceMs = options.value(QStringLiteral("presenceMs"), reference ? 60000 : 15000).toInt();
    m_sessionMs = options.value(QStringLiteral("sessionMs"), reference ? 300000 : 60000).toInt();
    m_vanishMs = options.value(QStringLiteral("vanishMs"), 30000).toInt();
    m_unknownMs = options.value(QStringLiteral("unknownMs"), reference ? 600000 : 45000).toInt();
    build();
    stageIncidents();
    connect(&m_tick, &QTimer::timeout, this, &OpenTeraWorld::tick);
}

void OpenTeraWorld::build()
{
    const QString projects[] = {QStringLiteral("Rehab pilot"), QStringLiteral("Home monitoring")};
    for (int i = 0; i < 8; ++i) {
        SimParticipant p;
        p.id = 41 + i;
        p.name = QStringLiteral("P-%1").arg(41 + i, 4, 10, QLatin1Char('0'));
        p.uuid = stableUuid(QStringLiteral("participant/") + p.name);
        p.projectId = i % 2 + 1;
        p.project = projects[i % 2];
        p.online = i == 0 || i == 1 || i == 4;
        p.busy = i == 2; // busy but offline: still listed
        m_participants.append(p);
    }
    const struct
    {
        const char *name;
        int type;
        bool online;
    } devices[] = {{"Robot-01", 2, true}, {"Robot-02", 2, true}, {"SensorHub-A", 3, true}, {"Tablet-07", 1, false}};
    for (const auto &d : devices) {
        SimDevice device;
        device.id = static_cast<int>(m_devices.size()) + 3;
        device.name = QString::fromLatin1(d.name);
        device.uuid = stableUuid(QStringLiteral("device/") + device.name);
        device.typeId = d.type;
        device.online = d.online;
        device.battery = uniform(60, 98);
        device.rssi = uniform(-75, -50);
        m_devices.append(device);
    }
    for (const SimAccount &account : m_accounts->accounts())
        m_userOnline.insert(account.uuid, account.login == QLatin1String("clinician1"));
    // Online devices have posted a status before the simulator started.
    for (SimDevice &device : m_devices) {
        if (device.online) {
            const QJsonObject status = nextStatus(device);
            device.statusText = pythonJson(status);
            device.statusTs = nowSeconds();
        }
    }
}

void OpenTeraWorld::stageIncidents()
{
    const auto battery = [this] {
        SimDevice *robot = deviceByName(QStringLiteral("Robot-01"));
        if (!robot || !robot->online)
            return;
        robot->battery = 19.9; // the status drains it a little more; it starts charging
        robot->charging = false;
        postStatus(*robot, nextStatus(*robot), nowSeconds());
    };
    const auto presence = [this](bool online) {
        if (SimDevice *robot = deviceByName(QStringLiteral("Robot-02"))) {
            robot->vanishAtMs = 0;
            setDeviceOnline(*robot, online);
        }
    };
    m_incidents.add(10000, QStringLiteral("Robot-01's battery drops below 20 %"), battery);
    m_incidents.add(20000, QStringLiteral("Robot-02 disconnects"), [presence] { presence(false); });
    m_incidents.add(50000, QStringLiteral("Robot-02 is back"), [presence] { presence(true); });
}

void OpenTeraWorld::start()
{
    m_incidents.start();
    if (!m_generator)
        return;
    const qint64 now = nowMs();
    for (SimDevice &device : m_devices)
        device.nextPostMs = now + static_cast<qint64>(uniform(0, m_statusMs));
    m_nextPresenceMs = now + static_cast<qint64>(uniform(m_presenceMs, 3.0 * m_presenceMs));
    m_nextSessionMs = now + static_cast<qint64>(uniform(0.3, 0.6) * m_sessionMs);
    m_nextUnknownMs = now + static_cast<qint64>(uniform(0.5, 1.5) * m_unknownMs);
    m_tick.start(std::clamp(m_statusMs / 4, 10, 250));
}

double OpenTeraWorld::uniform(double low, double high)
{
    return low + (high - low) * m_random.generateDouble();
}

SimParticipant *OpenTeraWorld::participant(const QString &uuidOrId)
{
    for (SimParticipant &p : m_participants) {
        if (p.uuid == uuidOrId || QString::number(p.id) == uuidOrId)
            return &p;
    }
    return nullptr;
}

SimDevice *OpenTeraWorld::device(const QString &uuidOrId)
{
    for (SimDevice &d : m_devices) {
        if (d.uuid == uuidOrId || QString::number(d.id) == uuidOrId)
            return &d;
    }
    return nullptr;
}

SimDevice *OpenTeraWorld::deviceByName(const QString &name)
{
    for (SimDevice &d : m_devices) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

bool OpenTeraWorld::canSee(const SimAccount &viewer, Subject subject, const QString &uuid) const
{
    if (viewer.superadmin || viewer.siteAdmin)
        return true;
    // Clinicians work on the "Rehab pilot" project and its two robots.
    switch (subject) {
    case Subject::Participant:
        for (const SimParticipant &p : m_participants) {
            if (p.uuid == uuid)
                return p.projectId == 1;
        }
        return false;
    case Subject::Device:
        for (const SimDevice &d : m_devices) {
            if (d.uuid == uuid)
                return d.name.startsWith(QLatin1String("Robot-"));
        }
        return false;
    case Subject::User:
    case Subject::None:
        return true;
    }
    return true;
}

QJsonArray OpenTeraWorld::onlineUsers(const SimAccount &viewer) const
{
    QVector<const SimAccount *> listed;
    for (const SimAccount &account : m_accounts->accounts()) {
        if (m_userOnline.value(account.uuid) || m_userBusy.value(account.uuid))
            listed << &account;
    }
    std::sort(listed.begin(), listed.end(),
        [](const SimAccount *a, const SimAccount *b) { return a->fullName() < b->fullName(); });
    QJsonArray out;
    for (const SimAccount *account : listed) {
        if (!canSee(viewer, Subject::User, account->uuid))
            continue;
        out.append(QJsonObject {{QStringLiteral("id_user"), account->id}, {QStringLiteral("user_uuid"), account->uuid},
            {QStringLiteral("user_firstname"), account->firstName},
            {QStringLiteral("user_lastname"), account->lastName}, {QStringLiteral("user_enabled"), true},
            {QStringLiteral("user_superadmin"), account->superadmin},
            {QStringLiteral("user_2fa_enabled"), account->twoFactor == QLatin1String("2fa")},
            {QStringLiteral("user_name"), account->fullName()},
            {QStringLiteral("user_online"), m_userOnline.value(account->uuid)},
            {QStringLiteral("user_busy"), m_userBusy.value(account->uuid)}});
    }
    return out;
}

QJsonArray OpenTeraWorld::onlineParticipants(const SimAccount &viewer) const
{
    QJsonArray out;
    for (const SimParticipant &p : m_participants) { // already sorted by name
        if (!(p.online || p.busy) || !canSee(viewer, Subject::Participant, p.uuid))
            continue;
        out.append(QJsonObject {{QStringLiteral("id_participant"), p.id}, {QStringLiteral("participant_uuid"), p.uuid},
            {QStringLiteral("participant_name"), p.name}, {QStringLiteral("participant_email"), QJsonValue()},
            {QStringLiteral("participant_enabled"), true}, {QStringLiteral("participant_token_enabled"), false},
            {QStringLiteral("id_participant_group"), QJsonValue()}, {QStringLiteral("id_project"), p.projectId},
            {QStringLiteral("project_name"), p.project}, {QStringLiteral("id_site"), 1},
            {QStringLiteral("site_name"), QStringLiteral("Sherbrooke")},
            {QStringLiteral("participant_online"), p.online}, {QStringLiteral("participant_busy"), p.busy}});
    }
    return out;
}

QJsonArray OpenTeraWorld::onlineDevices(const SimAccount &viewer) const
{
    QJsonArray out;
    for (const SimDevice &d : m_devices) { // already sorted by name
        if (!(d.online || d.busy) || !canSee(viewer, Subject::Device, d.uuid))
            continue;
        QJsonValue inner; // null until the device posts a status
        if (!d.statusText.isEmpty())
            inner = QJsonObject {{QStringLiteral("status"), d.statusText}, {QStringLiteral("timestamp"), d.statusTs}};
        out.append(QJsonObject {{QStringLiteral("id_device"), d.id}, {QStringLiteral("device_uuid"), d.uuid},
            {QStringLiteral("device_name"), d.name}, {QStringLiteral("id_device_type"), d.typeId},
            {QStringLiteral("id_device_subtype"), QJsonValue()}, {QStringLiteral("device_enabled"), true},
            {QStringLiteral("device_online"), d.online}, {QStringLiteral("device_busy"), d.busy},
            {QStringLiteral("device_status"),
                QJsonObject {{QStringLiteral("online"), d.online}, {QStringLiteral("busy"), d.busy},
                    {QStringLiteral("status"), inner}}}});
    }
    return out;
}

void OpenTeraWorld::emitOut(OutEvent event)
{
    Q_EMIT this->event(event);
}

void OpenTeraWorld::emitUser(const QString &uuid, int type)
{
    auto message = std::make_shared<pb::UserEvent>();
    message->set_user_uuid(s(uuid));
    message->set_type(static_cast<pb::UserEvent::EventType>(type));
    if (const SimAccount *account = m_accounts->byUuid(uuid))
        message->set_user_fullname(s(account->fullName()));
    emitOut(OutEvent {QString::fromLatin1(kPresenceTopic), message, {}, {}, {}, Subject::User, uuid});
}

void OpenTeraWorld::emitParticipant(const SimParticipant &participant, int type)
{
    auto message = std::make_shared<pb::ParticipantEvent>();
    message->set_participant_uuid(s(participant.uuid));
    message->set_type(static_cast<pb::ParticipantEvent::EventType>(type));
    message->set_participant_name(s(participant.name));
    message->set_participant_project_name(s(participant.project));
    message->set_participant_site_name("Sherbrooke");
    emitOut(
        OutEvent {QString::fromLatin1(kPresenceTopic), message, {}, {}, {}, Subject::Participant, participant.uuid});
}

void OpenTeraWorld::emitDevice(const SimDevice &device, int type, const QString &statusText)
{
    auto message = std::make_shared<pb::DeviceEvent>();
    message->set_device_uuid(s(device.uuid));
    message->set_type(static_cast<pb::DeviceEvent::EventType>(type));
    message->set_device_name(s(device.name));
    message->set_device_status(s(statusText));
    emitOut(OutEvent {QString::fromLatin1(kPresenceTopic), message, {}, {}, {}, Subject::Device, device.uuid});
}

void OpenTeraWorld::setUserSocket(const QString &userUuid, bool connected)
{
    int &sockets = m_userSockets[userUuid];
    sockets = std::max(0, sockets + (connected ? 1 : -1));
    const bool online = sockets > 0;
    if (online == m_userOnline.value(userUuid) && !(connected && sockets == 1))
        return;
    m_userOnline.insert(userUuid, online);
    emitUser(userUuid, online ? pb::UserEvent::USER_CONNECTED : pb::UserEvent::USER_DISCONNECTED);
}

void OpenTeraWorld::setSimulatedUserOnline(const QString &userUuid, bool online)
{
    if (m_userSockets.value(userUuid) > 0 || m_userOnline.value(userUuid) == online)
        return;
    m_userOnline.insert(userUuid, online);
    emitUser(userUuid, online ? pb::UserEvent::USER_CONNECTED : pb::UserEvent::USER_DISCONNECTED);
}

void OpenTeraWorld::setParticipantOnline(SimParticipant &participant, bool online)
{
    if (participant.online == online)
        return;
    participant.online = online;
    emitParticipant(participant,
        online ? pb::ParticipantEvent::PARTICIPANT_CONNECTED : pb::ParticipantEvent::PARTICIPANT_DISCONNECTED);
}

void OpenTeraWorld::setDeviceOnline(SimDevice &device, bool online)
{
    device.vanishAtMs = 0;
    if (device.online == online)
        return;
    device.online = online;
    device.statusText.clear(); // the status is cleared on disconnect, and "" in DEVICE_CONNECTED
    device.statusTs = 0;
    device.nextPostMs = nowMs() + static_cast<qint64>(uniform(0.2, 1.0) * m_statusMs);
    emitDevice(device, online ? pb::DeviceEvent::DEVICE_CONNECTED : pb::DeviceEvent::DEVICE_DISCONNECTED);
}

void OpenTeraWorld::postStatus(SimDevice &device, const QJsonObject &status, double timestamp)
{
    // Stored as the text the device posted; events carry it wrapped once more (double-encoded).
    device.statusText = pythonJson(status);
    device.statusTs = timestamp;
    const QJsonObject wrapped {{QStringLiteral("status"), device.statusText}, {QStringLiteral("timestamp"), timestamp}};
    emitDevice(device, pb::DeviceEvent::DEVICE_STATUS_CHANGED, pythonJson(wrapped));
}

QJsonObject OpenTeraWorld::nextStatus(SimDevice &device)
{
    // Battery drains (a little faster than real life so charts move), recharges below 20 %.
    if (device.charging) {
        device.battery += uniform(0.3, 0.6);
        if (device.battery >= 95)
            device.charging = false;
    } else {
        device.battery -= uniform(0.02, 0.08);
        if (device.battery < 20)
            device.charging = true;
    }
    device.rssi = std::clamp(device.rssi + uniform(-3, 3), -85.0, -45.0);
    device.cpuTemp = std::clamp(device.cpuTemp + uniform(-0.6, 0.6), 38.0, 75.0);
    QJsonObject status {{QStringLiteral("battery"), round1(device.battery)},
        {QStringLiteral("charging"), device.charging}, {QStringLiteral("rssi"), std::round(device.rssi)}};
    if (device.typeId == 1)
        return status; // a tablet reports little
    status.insert(QStringLiteral("cpu_temp"), round1(device.cpuTemp));
    status.insert(QStringLiteral("latency_ms"), std::round(uniform(20, 120)));
    if (device.typeId == 2) {
        device.leftTemp = std::clamp(device.leftTemp + uniform(-0.5, 0.6), 30.0, 70.0);
        device.rightTemp = std::clamp(device.rightTemp + uniform(-0.5, 0.6), 30.0, 70.0);
        status.insert(QStringLiteral("motors"),
            QJsonObject {{QStringLiteral("left_temp"), round1(device.leftTemp)},
                {QStringLiteral("right_temp"), round1(device.rightTemp)}});
    } else {
        device.ambient = std::clamp(device.ambient + uniform(-0.2, 0.2), 17.0, 27.0);
        device.humidity = std::clamp(device.humidity + uniform(-1, 1), 20.0, 70.0);
        status.insert(QStringLiteral("ambient"),
            QJsonObject {{QStringLiteral("temperature"), round1(device.ambient)},
                {QStringLiteral("humidity"), std::round(device.humidity)}});
    }
    return status;
}

void OpenTeraWorld::tick()
{
    const qint64 now = nowMs();
    for (SimDevice &device : m_devices) {
        if (device.vanishAtMs > 0 && now >= device.vanishAtMs) {
            device.vanishAtMs = 0;
            device.online = true; // so that the change below is announced
            setDeviceOnline(device, false);
            continue;
        }
        if (!device.online || device.vanishAtMs > 0 || now < device.nextPostMs)
            continue;
        device.nextPostMs = now + static_cast<qint64>(uniform(1.0, m_statusSpread) * m_statusMs);
        postStatus(device, nextStatus(device), nowSeconds());
    }
    if (now >= m_nextPresenceMs) {
        m_nextPresenceMs = now + static_cast<qint64>(uniform(m_presenceMs, 3.0 * m_presenceMs));
        presenceChange();
    }
    for (const SimSession &session : m_book.sessions()) {
        if (session.replyAtMs > 0 && now >= session.replyAtMs) {
            SimSession &live = *m_book.find(session.uuid);
            live.replyAtMs = 0;
            // The invited participant answers: accepted, or now and then busy.
            if (!live.participants.isEmpty())
                m_book.participantReply(live, live.participants.first(), m_random.bounded(3) == 0 ? 3 : 1);
            break; // the sessions may have changed
        }
        if (session.endsAtMs > 0 && now >= session.endsAtMs) {
            const QString creator = session.creatorUuid;
            const QStringList users = session.users;
            m_book.stop(session.uuid);
            for (const QString &user : users) {
                if (user != creator && m_userSockets.value(user) > 0 && m_random.bounded(2) == 0)
                    startArchive(user);
            }
            break;
        }
    }
    if (m_book.sessions().isEmpty() && now >= m_nextSessionMs) {
        m_nextSessionMs = now + static_cast<qint64>(uniform(0.8, 1.2) * m_sessionMs);
        simulatedSession();
    }
    if (m_unknownMs > 0 && now >= m_nextUnknownMs) {
        m_nextUnknownMs = now + static_cast<qint64>(uniform(0.5, 1.5) * m_unknownMs);
        emitUnknown();
    }
}

void OpenTeraWorld::presenceChange()
{
    const int pick = static_cast<int>(m_random.bounded(10));
    if (pick < 4) {
        SimParticipant &p = m_participants[static_cast<int>(m_random.bounded(static_cast<int>(m_participants.size())))];
        setParticipantOnline(p, !p.online);
    } else if (pick < 7) {
        SimDevice &d = m_devices[static_cast<int>(m_random.bounded(static_cast<int>(m_devices.size())))];
        if (d.vanishAtMs > 0)
            return;
        if (d.online && d.typeId == 2 && m_random.bounded(3) == 0) {
            // Its socket died unnoticed: it stops posting, the server notices 30-40 s later.
            d.vanishAtMs = nowMs() + static_cast<qint64>(uniform(1.0, 4.0 / 3.0) * m_vanishMs);
            return;
        }
        setDeviceOnline(d, !d.online);
    } else {
        for (const SimAccount &account : m_accounts->accounts()) {
            if (!account.superadmin && !account.siteAdmin && m_random.bounded(2) == 0)
                setSimulatedUserOnline(account.uuid, !m_userOnline.value(account.uuid));
        }
    }
}

void OpenTeraWorld::simulatedSession()
{
    // A clinician, a participant and a robot; every user with a live socket is invited too.
    QString creator;
    for (const SimAccount &account : m_accounts->accounts()) {
        if (!account.superadmin && !account.siteAdmin && m_userOnline.value(account.uuid)
            && !m_userBusy.value(account.uuid))
            creator = account.uuid;
    }
    QString participantUuid;
    for (const SimParticipant &p : std::as_const(m_participants)) {
        if (p.online && !p.busy)
            participantUuid = p.uuid;
    }
    QString robot;
    for (const SimDevice &d : std::as_const(m_devices)) {
        if (d.online && !d.busy && d.vanishAtMs == 0 && d.typeId == 2)
            robot = d.uuid;
    }
    if (creator.isEmpty()) {
        const SimAccount *clinician = m_accounts->byLogin(QStringLiteral("clinician1"));
        setSimulatedUserOnline(clinician->uuid, true);
        creator = clinician->uuid;
    }
    if (participantUuid.isEmpty() || robot.isEmpty())
        return;
    QStringList users;
    for (auto it = m_userSockets.cbegin(); it != m_userSockets.cend(); ++it) {
        if (it.value() > 0 && it.key() != creator)
            users << it.key();
    }
    SimSession &session = m_book.start(creator, {participantUuid}, users, {robot});
    session.endsAtMs = nowMs() + static_cast<qint64>(uniform(0.4, 0.8) * m_sessionMs);
    session.replyAtMs = nowMs() + std::max<qint64>(m_sessionMs / 30, 20);
}

void OpenTeraWorld::setBusy(
    const QStringList &participants, const QStringList &users, const QStringList &devices, bool busy)
{
    for (const QString &uuid : participants) {
        if (SimParticipant *p = participant(uuid)) {
            p->busy = busy;
            emitParticipant(*p,
                busy ? pb::ParticipantEvent::PARTICIPANT_JOINED_SESSION
                     : pb::ParticipantEvent::PARTICIPANT_LEFT_SESSION);
        }
    }
    for (const QString &uuid : users) {
        m_userBusy.insert(uuid, busy);
        emitUser(uuid, busy ? pb::UserEvent::USER_JOINED_SESSION : pb::UserEvent::USER_LEFT_SESSION);
    }
    for (const QString &uuid : devices) {
        if (SimDevice *d = device(uuid)) {
            d->busy = busy;
            emitDevice(*d, busy ? pb::DeviceEvent::DEVICE_JOINED_SESSION : pb::DeviceEvent::DEVICE_LEFT_SESSION);
        }
    }
}

void OpenTeraWorld::startArchive(const QString &ownerUuid)
{
    const QString archive = stableUuid(QStringLiteral("archive/%1/%2").arg(ownerUuid).arg(nowMs()));
    auto send = [this, archive, ownerUuid](pb::ArchiveEvent::StatusType status) {
        auto message = std::make_shared<pb::ArchiveEvent>();
        message->set_archive_uuid(s(archive));
        message->set_owner_uuid(s(ownerUuid));
        message->set_status(status);
        if (status == pb::ArchiveEvent::STATUS_COMPLETED)
            message->set_archive_url(s(QStringLiteral("https://127.0.0.1:40075/file/api/archives/%1").arg(archive)));
        emitOut(OutEvent {
            QStringLiteral("service.FileTransferService.events"), message, {}, {ownerUuid}, {}, Subject::None, {}});
    };
    send(pb::ArchiveEvent::STATUS_INPROGRESS);
    const bool cancelled = m_random.bounded(10) == 0;
    QTimer::singleShot(std::max(m_statusMs * 2, 50), this, [send, cancelled] {
        send(cancelled ? pb::ArchiveEvent::STATUS_CANCELLED : pb::ArchiveEvent::STATUS_COMPLETED);
    });
}

void OpenTeraWorld::emitUnknown(const QStringList &recipients)
{
    const QJsonObject unknown {
        {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/opentera.protobuf.UserPreferenceEvent")},
        {QStringLiteral("userUuid"), recipients.value(0)}, {QStringLiteral("preference"), QStringLiteral("theme")},
        {QStringLiteral("value"), QStringLiteral("dark")}};
    emitOut(OutEvent {QString::fromLatin1(kPresenceTopic), nullptr, unknown, recipients, {}, Subject::None, {}});
}

} // namespace fleetscope::sim::opentera
