#pragma once

// The field a number is dialled from: it formats the number as it is typed (090-5987-6543) and takes a
// client:NAME address as it is.

#include "core/phone/AsYouTypeFormatter.h"

#include <QLineEdit>

namespace Phone {

class NumberField : public QLineEdit
{
    Q_OBJECT

public:
    // Numbers without +CC are formatted as numbers of region.
    explicit NumberField(const QString &region = Phone::defaultRegion(), QWidget *parent = nullptr);

    // What to dial: the digits (with a leading + and any * #), or the client:NAME address as typed.
    QString dialString() const;
    // From the dial pad: appends key at the cursor, formatted like a typed one.
    void insertKey(QChar key);
    // Replaces the text with number, formatted (a tel: link handed over).
    void setNumber(const QString &number);

Q_SIGNALS:
    // Enter was pressed on something dialable.
    void dialRequested(const QString &dialString);

private:
    void reformat();

    Phone::AsYouTypeFormatter m_formatter;
};

} // namespace Phone
