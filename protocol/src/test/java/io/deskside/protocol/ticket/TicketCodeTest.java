package io.deskside.protocol.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TicketCodeTest {

    @Test
    void aCodeReadOverThePhoneParsesWhateverTheSeparators() {
        for (String typed : new String[] {"123-456-789", " 123 456 789 ", "123.456.789", "123456789"}) {
            TicketCode code = TicketCode.parse(typed);
            assertEquals("123", code.routing().digits(), typed);
            assertEquals("456789", code.secret().reveal(), typed);
            assertEquals("123-456-789", code.reveal(), typed);
        }
    }

    @Test
    void aLongerRoutingGroupIsKeptWhenTheUserTypesTheGroups() {
        TicketCode code = TicketCode.parse("1234-567-890");
        assertEquals("1234", code.routing().digits());
        assertEquals("567890", code.secret().reveal());
    }

    @Test
    void malformedCodesAreRejectedWithAClearMessage() {
        for (String typed : new String[] {"", "abc-def-ghi", "12-345-678", "123-456-78", "1234567-890-123", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TicketCode.parse(typed));
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void theSecretNeverShowsInToString() {
        TicketCode code = TicketCode.parse("123-456-789");
        assertEquals("123-***-***", code.toString());
        assertFalse(code.secret().toString().contains("456"));
    }

    @Test
    void randomSecretsAreSixDigits() {
        for (int i = 0; i < 100; i++) {
            assertEquals(6, TicketSecret.random().reveal().chars().filter(Character::isDigit).count());
        }
    }
}
