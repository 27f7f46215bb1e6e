#pragma once

// Plays Twilio's part against Switchboard's own HTTP server: places calls that post the webhooks Twilio
// would post, follow the TwiML answered, and report status, so a whole call runs on one machine with no
// Twilio account.

#include "core/simulator/CallOutcome.h"
#include "core/simulator/ClientDevice.h"
#include "core/simulator/HttpExchange.h"
#include "core/simulator/SimulatedCall.h"
#include "core/simulator/SimulatorSettings.h"
#include "core/webhook/FormParameters.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Simulator {

class WebhookClient;

class CallSimulator : public QObject
{
    Q_OBJECT

public:
    // device may be null: then clients ring and nobody answers. It must outlive the simulator's calls.
    CallSimulator(SimulatorSettings settings, ClientDevice *device, QObject *parent = nullptr);
    ~CallSimulator() override;

    // With the made-up SIDs filled in.
    const SimulatorSettings &settings() const { return m_settings; }

    // Both return the call (owned by the simulator, alive as long as it is) at once; it proceeds on the
    // event loop, so its signals can be connected first.
    SimulatedCall *placeIncoming(const QString &from, const QString &to);
    // The client connects as the Voice SDK would: From=client:NAME, To=to (may be empty) plus parameters
    // (the seed's callerPhoneNumber / callOutgoingPhoneNumber; a To among them replaces to).
    SimulatedCall *placeOutgoing(const QString &clientName, const QString &to,
                                 const Webhook::FormParameters &parameters = {});
    // Twilio calls a party into a conference, as POST Conferences/{name}/Participants asks.
    SimulatedCall *placeParticipant(const SimulatedCall::ParticipantRequest &request);

    // A call of this simulator that has not finished, by its CallSid.
    SimulatedCall *findCall(const QString &callSid) const;
    // The conference of that name that has not ended, made when there is none.
    ConferenceRoom *conferenceNamed(const QString &name);
    // A conference that has not ended, by its SID (CF…) or name; null if none.
    ConferenceRoom *findConference(const QString &sidOrName) const;

Q_SIGNALS:
    // Every call placed, whoever asked for it (a front end, or the REST API): to follow its progress.
    void callPlaced(Simulator::SimulatedCall *call);
    // A conference opened: to follow what its participants hear.
    void conferenceOpened(Simulator::ConferenceRoom *room);

private:
    SimulatedCall *placed(SimulatedCall *call);

    SimulatorSettings m_settings;
    ClientDevice *m_device;
    WebhookClient *m_webhooks;
    QHash<QString, QPointer<ConferenceRoom>> m_rooms; // by name
};

} // namespace Simulator
