#pragma once

// Where the account's secrets live: the desktop's keychain (the Secret Service, through QtKeychain) or,
// where no keychain service runs, a file that only the user can read. The settings file never holds one.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Config {

class SecretStore
{
public:
    enum class Backend { Keychain, File };

    // service: the keychain entries' service name; fallbackFile: used when no keychain service answers.
    SecretStore(QString service, QString fallbackFile);
    // This user's store, which the desktop app and the commands share: the keychain's "Switchboard"
    // entries, or secrets.json in the app's configuration folder. The application's names must be set.
    static SecretStore ofThisUser();

    // Asks the keychain once (a read that may find nothing); the answer holds for this object's life.
    // QtKeychain answers through an event loop, so a QCoreApplication must exist.
    Backend backend();
    // Where secrets go, for the window to say: "the system keychain", or the file and who may read it.
    QString backendDescription();

    Result<void> write(const QString &key, const QByteArray &secret);
    // The secret, or nothing when none is stored under key.
    Result<std::optional<QByteArray>> read(const QString &key);
    Result<void> remove(const QString &key);

private:
    Result<QJsonObject> readFile() const;
    Result<void> writeFile(const QJsonObject &secrets) const;

    QString m_service;
    QString m_fallbackFile;
    std::optional<Backend> m_backend;
};

} // namespace Config
