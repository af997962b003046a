/* ikediag - messages held back to be fed together (deferred_messages.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/deferred_messages.h"

typedef struct {
    ikd_packet packet;
    double frame_behind;
    guint bytes_at;
    guint decrypted_at;
    bool has_bytes, has_decrypted; /* NULL pointers stay NULL */
} held_message;

void ikd_deferred_init(ikd_deferred_messages *q)
{
    q->messages = NULL; /* made at the first message: most engines never defer one */
    q->bytes = NULL;
}

void ikd_deferred_clear(ikd_deferred_messages *q)
{
    if (q->messages)
        g_array_free(q->messages, TRUE);
    if (q->bytes)
        g_byte_array_free(q->bytes, TRUE);
    ikd_deferred_init(q);
}

/* Where the copy of len bytes starts. */
static guint copy_bytes(GByteArray *bytes, const uint8_t *from, size_t len)
{
    guint at = bytes->len;
    if (len)
        g_byte_array_append(bytes, from, (guint)len);
    return at;
}

bool ikd_deferred_push(ikd_deferred_messages *q, const ikd_packet *packet, double frame_behind)
{
    if (!q->messages) {
        q->messages = g_array_sized_new(FALSE, FALSE, sizeof(held_message), IKD_DEFERRED_MAX_MESSAGES);
        q->bytes = g_byte_array_sized_new(IKD_DEFERRED_MAX_BYTES);
    }
    held_message m = { .packet = *packet,
                       .frame_behind = frame_behind,
                       .has_bytes = packet->bytes != NULL,
                       .has_decrypted = packet->decrypted != NULL };
    m.bytes_at = copy_bytes(q->bytes, packet->bytes, m.has_bytes ? packet->captured_len : 0);
    m.decrypted_at = copy_bytes(q->bytes, packet->decrypted, m.has_decrypted ? packet->decrypted_len : 0);
    m.packet.bytes = m.packet.decrypted = NULL; /* the copy moves as it grows: pointed at when taken */
    g_array_append_val(q->messages, m);
    return q->messages->len >= IKD_DEFERRED_MAX_MESSAGES || q->bytes->len >= IKD_DEFERRED_MAX_BYTES;
}

double ikd_deferred_at(const ikd_deferred_messages *q, uint32_t index, ikd_packet *out)
{
    const held_message *m = &g_array_index(q->messages, held_message, index);
    *out = m->packet;
    if (m->has_bytes)
        out->bytes = q->bytes->data + m->bytes_at;
    if (m->has_decrypted)
        out->decrypted = q->bytes->data + m->decrypted_at;
    return m->frame_behind;
}

const uint8_t *ikd_deferred_bytes(const ikd_deferred_messages *q, uint32_t index, size_t *len)
{
    const held_message *m = &g_array_index(q->messages, held_message, index);
    *len = m->has_bytes ? m->packet.captured_len : 0;
    return m->has_bytes ? q->bytes->data + m->bytes_at : NULL;
}

void ikd_deferred_reset(ikd_deferred_messages *q)
{
    if (!q->messages)
        return;
    g_array_set_size(q->messages, 0);
    g_byte_array_set_size(q->bytes, 0);
}
