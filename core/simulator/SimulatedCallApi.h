#pragma once

// Twilio's REST API on the calls the simulator plays (Server::SimulatedCalls): POST Calls/{CallSid}.json
// sends a call to other TwiML (Url, Method) or ends it (Status), POST Conferences/{name}/Participants.json
// calls a party into a conference, and POST Conferences/{CF…}/Participants/{CallSid or label}.json holds or
// resumes one. Requests come from the server's request threads; they are played in this object's thread,
// the simulator's, and answered in Twilio's JSON.

#include "core/common/ThreadMailbox.h"
#include "core/server/SimulatedCalls.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <mutex>

namespace Simulator {

class CallSimulator;

class SimulatedCallApi : public QObject, public Server::SimulatedCalls
{
    Q_OBJECT

public:
    // Made in the simulator's thread; simulator may go first (the requests then answer 503).
    explicit SimulatedCallApi(CallSimulator *simulator, QObject *parent = nullptr);
    ~SimulatedCallApi() override;

    // The simulator may be made after the server that needs this object.
    void setSimulator(CallSimulator *simulator);

    bool plays(const QString &callSid) const override;

    void request(const QByteArray &method, const QString &resource, const Webhook::FormParameters &form,
                 Answer answer) override;

protected:
    void customEvent(QEvent *event) override;

private:
    Server::HttpResponse perform(const QString &resource, const Webhook::FormParameters &form, QString *what);
    Server::HttpResponse updateCall(const QString &callSid, const Webhook::FormParameters &form,
                                    QString *what);
    Server::HttpResponse addParticipant(const QString &conference, const Webhook::FormParameters &form,
                                        QString *what);
    Server::HttpResponse updateParticipant(const QString &conferenceSid, const QString &participant,
                                           const Webhook::FormParameters &form, QString *what);

    Common::ThreadMailbox m_mailbox;
    QPointer<CallSimulator> m_simulator;
    mutable std::mutex m_mutex; // guards m_played
    QSet<QString> m_played; // the SIDs of the calls the simulator placed
};

} // namespace Simulator
