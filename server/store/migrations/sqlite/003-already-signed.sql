-- One word per concept: "sign" for the act. A queued "you have already joined" mail is now of the
-- kind 'already-signed'; mails queued before the rename keep their place in the queue.
UPDATE mail_queue
SET request = json_set(request, '$.kind', 'already-signed')
WHERE json_extract(request, '$.kind') = 'already-joined';
