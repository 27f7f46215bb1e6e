#pragma once

// What the pages that connect and check a Twilio account need of the app: its settings and secret store
// (where the account is kept), its database (the numbers, what connecting changed), and where Twilio's API
// is (SWITCHBOARD_TWILIO_API_URL in environment: the simulator's, for development and tests).

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace Config {
class SecretStore;
} // namespace Config
namespace Store {
class Database;
} // namespace Store

namespace Admin {

struct AccountContext
{
    QSettings *settings = nullptr;
    Config::SecretStore *secrets = nullptr;
    std::shared_ptr<Store::Database> database;
    QString defaultRegion;
    QString publicUrl; // the saved one, when the settings were read (SetupCheckPanel reads them again)
    QString defaultClient; // the client a chosen number rings unless another is picked
    QUrl localUrl; // this server, asked directly whether a probe through the public URL arrived
    QProcessEnvironment environment;
};

} // namespace Admin
