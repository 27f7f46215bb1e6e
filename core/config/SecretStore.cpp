#include "core/config/SecretStore.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcSecrets, "switchboard.config.secrets")

namespace Config {
namespace {

// A key no one writes: reading it tells whether a keychain answers at all.
constexpr QLatin1StringView probeKey("switchboard-keychain-probe");

// QtKeychain's jobs report through the event loop; the store's callers want an answer.
void runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

QString keychainProblem(const QKeychain::Job &job, const QString &doing)
{
    return QStringLiteral("could not %1 in the system keychain: %2").arg(doing, job.errorString());
}

} // namespace

SecretStore::SecretStore(QString service, QString fallbackFile)
    : m_service(std::move(service))
    , m_fallbackFile(std::move(fallbackFile))
{ }

SecretStore SecretStore::ofThisUser()
{
    return SecretStore(QStringLiteral("Switchboard"),
                       QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                           + QStringLiteral("/secrets.json"));
}

SecretStore::Backend SecretStore::backend()
{
    if (m_backend)
        return *m_backend;
    QKeychain::ReadPasswordJob probe(m_service);
    probe.setKey(probeKey);
    runJob(probe);
    const bool answered = probe.error() == QKeychain::NoError || probe.error() == QKeychain::EntryNotFound;
    if (!answered)
        qCInfo(lcSecrets).noquote().nospace()
            << "no system keychain (" << probe.errorString() << "): secrets go to " << m_fallbackFile;
    m_backend = answered ? Backend::Keychain : Backend::File;
    return *m_backend;
}

QString SecretStore::backendDescription()
{
    return backend() == Backend::Keychain
        ? QStringLiteral("the system keychain")
        : QStringLiteral("the file %1, which only you can read (no system keychain is running)")
              .arg(QDir::toNativeSeparators(m_fallbackFile));
}

Result<void> SecretStore::write(const QString &key, const QByteArray &secret)
{
    if (key.isEmpty())
        return Failure(QStringLiteral("a secret needs a name"));
    if (backend() == Backend::Keychain) {
        QKeychain::WritePasswordJob job(m_service);
        job.setKey(key);
        job.setBinaryData(secret);
        runJob(job);
        if (job.error() != QKeychain::NoError)
            return Failure(keychainProblem(job, QStringLiteral("store %1").arg(key)));
        return {};
    }
    auto secrets = readFile();
    if (!secrets)
        return Failure(secrets.error()); // never overwrite a file we could not read
    QJsonObject updated = *secrets;
    updated.insert(key, QString::fromLatin1(secret.toBase64()));
    return writeFile(updated);
}

Result<std::optional<QByteArray>> SecretStore::read(const QString &key)
{
    if (backend() == Backend::Keychain) {
        QKeychain::ReadPasswordJob job(m_service);
        job.setKey(key);
        runJob(job);
        if (job.error() == QKeychain::EntryNotFound)
            return std::nullopt;
        if (job.error() != QKeychain::NoError)
            return Failure(keychainProblem(job, QStringLiteral("read %1").arg(key)));
        return job.binaryData();
    }
    const auto secrets = readFile();
    if (!secrets)
        return Failure(secrets.error());
    const QJsonValue value = secrets->value(key);
    if (value.isUndefined())
        return std::nullopt;
    return QByteArray::fromBase64(value.toString().toLatin1());
}

Result<void> SecretStore::remove(const QString &key)
{
    if (backend() == Backend::Keychain) {
        QKeychain::DeletePasswordJob job(m_service);
        job.setKey(key);
        runJob(job);
        if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
            return Failure(keychainProblem(job, QStringLiteral("remove %1").arg(key)));
        return {};
    }
    auto secrets = readFile();
    if (!secrets)
        return Failure(secrets.error());
    if (!secrets->contains(key))
        return {};
    QJsonObject updated = *secrets;
    updated.remove(key);
    return writeFile(updated);
}

Result<QJsonObject> SecretStore::readFile() const
{
    QFile file(m_fallbackFile);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Failure(
            QStringLiteral("cannot read the secrets file %1: %2").arg(m_fallbackFile, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1024 * 1024), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Failure(
            QStringLiteral("the secrets file %1 is damaged (%2); it was left as it is: fix or remove it")
                .arg(m_fallbackFile,
                     error.error != QJsonParseError::NoError ? error.errorString()
                                                             : QStringLiteral("not an object")));
    return document.object();
}

Result<void> SecretStore::writeFile(const QJsonObject &secrets) const
{
    const QFileInfo info(m_fallbackFile);
    if (!QDir().mkpath(info.absolutePath()))
        return Failure(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    QSaveFile file(m_fallbackFile);
    if (!file.open(QIODevice::WriteOnly))
        return Failure(
            QStringLiteral("cannot write the secrets file %1: %2").arg(m_fallbackFile, file.errorString()));
    // Owner only before a byte is written; the rename at commit keeps the mode. Where the mode cannot be
    // set, nothing is written: the secrets would be readable by every local user.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        const QString reason = file.errorString();
        file.cancelWriting();
        qCWarning(lcSecrets).noquote() << "cannot make" << m_fallbackFile << "private:" << reason;
        return Failure(
            QStringLiteral("cannot make the secrets file %1 readable by you alone (%2), so nothing was "
                           "written; check the folder's file system, or run a keychain service")
                .arg(m_fallbackFile, reason));
    }
    file.write(QJsonDocument(secrets).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Failure(
            QStringLiteral("cannot write the secrets file %1: %2").arg(m_fallbackFile, file.errorString()));
    return {};
}

} // namespace Config
