#pragma once

#include <QObject>

#include <functional>

namespace fleetscope::ui {

// Where endpoint secrets (keys, passwords, tokens) are kept between runs: the system keychain, or
// nowhere (memory for this session only) when there is none — never a file. Asynchronous, as
// keychains are.
//
// Threading: GUI thread. Owned by main; the window's controllers use it.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    // secret empty and error set when there is none (or the keychain failed).
    using ReadDone = std::function<void(const QString &secret, const QString &error)>;

    using QObject::QObject;

    // Whether a secret written now is still there at the next start (a keychain is available).
    virtual bool isPersistent() const = 0;
    // Calls `done` later, on the GUI thread, unless `context` is gone by then.
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &secret) = 0;
    virtual void remove(const QString &key) = 0;

Q_SIGNALS:
    // isPersistent() changed (e.g. the keychain turned out to be missing).
    void persistenceChanged(bool persistent);
};

} // namespace fleetscope::ui
