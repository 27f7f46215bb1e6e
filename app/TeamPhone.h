#pragma once

// The desktop phone in team mode: it signs in to the team's Switchboard server as its own client, gets its
// access tokens there (POST /token) and its recent calls (GET /calls), and holds no Twilio secret, no
// database and no webhook server of its own. Numbers and clients are managed on the server.

#include "core/team/ServerAccount.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/phone/RecentCallsList.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Team {
class CallControlClient;
class CallHistoryClient;
class TokenClient;
} // namespace Team

namespace Phone {
class PhoneView;
class VoicemailPanel;
} // namespace Phone

namespace App {

class TeamPhone
{
    Q_DECLARE_TR_FUNCTIONS(TeamPhone)

public:
    explicit TeamPhone(Team::ServerAccount account);
    ~TeamPhone();

    const Team::ServerAccount &account() const { return m_account; }
    Team::TokenClient *tokens() const { return m_tokens.get(); }

    // For PhoneBridge::setTwilioBackend and the Recent tab; both use this object, which must outlive them.
    Engine::PhoneBridge::TokenProvider tokenProvider() const;
    Phone::RecentCallsList::Source recentCalls() const;
    // Keeps list current: every interval while it is shown, and whenever the phone is ready again
    // (a call ended, it signed in).
    static void keepCurrent(Phone::RecentCallsList *list, Engine::PhoneBridge *bridge,
                            std::chrono::milliseconds interval = std::chrono::seconds(15));

    // Keeps the voicemail (and its count of new messages) current: every interval, and whenever the phone
    // is ready again (a call ended: the caller may have left a message).
    static void keepCurrent(Phone::VoicemailPanel *voicemail, Engine::PhoneBridge *bridge,
                            std::chrono::milliseconds interval = std::chrono::seconds(30));

    // Hold and resume through the server, offered on phone while the server's tokens say it controls its
    // calls (serve --call-control). phone must outlive this object's tokens.
    void offerCallControl(Phone::PhoneView *phone);

    // The console page in place of Numbers, Clients, Call log and Server: where those are managed.
    QWidget *managedElsewherePage() const;

private:
    Team::ServerAccount m_account;
    std::unique_ptr<Team::TokenClient> m_tokens;
    std::unique_ptr<Team::CallHistoryClient> m_history;
    std::unique_ptr<Team::CallControlClient> m_calls;
    // Told with each token whether the server controls calls; empty until offerCallControl().
    std::shared_ptr<std::function<void(bool)>> m_callControlOffered
        = std::make_shared<std::function<void(bool)>>();
};

} // namespace App
