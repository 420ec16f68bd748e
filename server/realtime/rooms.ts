/** socket.io room names: one per person, per partnership and per meeting. */
export const userRoom = (userId: string) => `user:${userId}`;
export const partnershipRoom = (partnershipId: string) => `partnership:${partnershipId}`;
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
